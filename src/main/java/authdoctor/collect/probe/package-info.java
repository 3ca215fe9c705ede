/**
 * The live probe: a deployment's login flow walked as a browser would, through the HTTP collector and
 * the browser cookie model, recorded as observations (the trace is rendered from them in {@code report.trace}). See {@link authdoctor.collect.probe.Probe}.
 */
@NullMarked
package authdoctor.collect.probe;

import org.jspecify.annotations.NullMarked;
