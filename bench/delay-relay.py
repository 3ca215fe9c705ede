#!/usr/bin/env python3
"""A TCP relay that adds latency: bytes are forwarded unchanged, each chunk delayed by RTT/2 in each
direction, and a new connection waits one RTT before its first byte goes through (the TCP handshake a
real network would cost). TLS stays end to end: the relay never looks at the bytes.

    delay-relay.py RTT_MS LISTEN_HOST:PORT=TARGET_HOST:PORT [...]

Stands in for `tc qdisc ... netem delay`, which needs a kernel module this machine does not have. Prints
"ready" on stdout once every listener is up. Bandwidth is not limited; only latency is simulated.
"""
import asyncio
import sys


async def pipe(reader, writer, delay):
    """Copies reader to writer; every chunk leaves `delay` seconds after it arrived, order kept."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def receive():
        while True:
            data = await reader.read(65536)
            await queue.put((loop.time() + delay, data))
            if not data:
                return

    async def send():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    try:
        await asyncio.gather(receive(), send())
    except (ConnectionError, OSError):
        pass


async def handle(client_r, client_w, target, rtt):
    try:
        up_r, up_w = await asyncio.open_connection(*target)
    except OSError:
        client_w.close()
        return
    await asyncio.sleep(rtt)  # the SYN / SYN-ACK round trip
    try:
        await asyncio.gather(pipe(client_r, up_w, rtt / 2), pipe(up_r, client_w, rtt / 2))
    finally:
        for w in (client_w, up_w):
            w.close()


async def main():
    rtt = float(sys.argv[1]) / 1000
    servers = []
    for spec in sys.argv[2:]:
        listen, target = spec.split("=")
        lh, lp = listen.rsplit(":", 1)
        th, tp = target.rsplit(":", 1)
        servers.append(await asyncio.start_server(
            lambda r, w, t=(th, int(tp)): handle(r, w, t, rtt), lh, int(lp)))
    print("ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    asyncio.run(main())
