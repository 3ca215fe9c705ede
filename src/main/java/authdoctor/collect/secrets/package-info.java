/**
 * The secrets of one machine, read for {@code authdoctor fingerprint}: environment variables and dotenv
 * files, as settings whose values only ever leave as keyed fingerprints. See {@link
 * authdoctor.collect.secrets.SecretsCollector}.
 */
@NullMarked
package authdoctor.collect.secrets;

import org.jspecify.annotations.NullMarked;
