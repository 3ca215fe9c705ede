/**
 * The login canary across deploys: a signed-in browser's session saved before a deploy ({@code probe
 * --save-session}), sealed with AES-GCM, and replayed after it ({@code probe --reuse-session}).
 */
@NullMarked
package authdoctor.collect.canary;

import org.jspecify.annotations.NullMarked;
