/**
 * The session store inspector: a small read-only Redis client (RESP2 over TCP or TLS) and the collector
 * of {@code authdoctor store} and the probe's {@code --store}, which records what a store holds and how it
 * is configured as observations. See {@link authdoctor.collect.redis.StoreCollector}.
 */
@NullMarked
package authdoctor.collect.redis;

import org.jspecify.annotations.NullMarked;
