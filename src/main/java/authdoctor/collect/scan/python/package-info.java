/**
 * The scan's reader of Python applications (Django, Flask, FastAPI/Starlette): a tolerant parser of the
 * statements and expressions settings are written with, and one reader per framework that turns the
 * settings production runs with into {@link authdoctor.observation.AppSetting}s. Nothing is executed.
 */
@NullMarked
package authdoctor.collect.scan.python;

import org.jspecify.annotations.NullMarked;
