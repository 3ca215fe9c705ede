/**
 * What authdoctor knows about each web framework, in one place: its session and CSRF cookie names, the
 * CSRF fields and headers it expects, the words of its refusals, where its session stores keep
 * sessions, the settings that control each, and its documented sample secrets.
 */
@NullMarked
package authdoctor.framework;

import org.jspecify.annotations.NullMarked;
