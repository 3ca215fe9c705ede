/** What the cross-layer ({@code …InApp}) detectors share: application settings resolved against the deployment, and the public origins nginx serves. */
@NullMarked
package authdoctor.checks.app;

import org.jspecify.annotations.NullMarked;
