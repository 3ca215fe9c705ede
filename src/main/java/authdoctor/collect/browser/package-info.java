/**
 * Drives headless Chromium over the DevTools protocol to replay cookie scenarios and report what the real
 * browser stored, sent and withheld, with Chromium's own reasons.
 */
@NullMarked
package authdoctor.collect.browser;

import org.jspecify.annotations.NullMarked;
