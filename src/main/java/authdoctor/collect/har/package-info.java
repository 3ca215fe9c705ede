/**
 * The {@code har} command's collector: a streaming reader of HAR 1.2 files as Chromium, Firefox and
 * Safari export them ({@link authdoctor.collect.har.HarReader}), the replay of each entry through the
 * shared browser session ({@link authdoctor.collect.har.HarCollector}), and the sanitized copy ({@link
 * authdoctor.collect.har.HarSanitizer}).
 */
@NullMarked
package authdoctor.collect.har;

import org.jspecify.annotations.NullMarked;
