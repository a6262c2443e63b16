import net from 'node:net';
import tls from 'node:tls';

let done = false;

/**
 * neo4j-driver 5.x opens its Bolt sockets without TCP_NODELAY. With Nagle's algorithm on and the
 * server's delayed ACKs, every statement waits ~40 ms for an ACK, even on loopback: importing a
 * brief (≈17 statements) took ~0.8 s instead of ~0.15 s, and each API query paid the same floor.
 * The driver offers no socket option, so sockets get TCP_NODELAY as they are created.
 */
export function enableTcpNoDelay(): void {
  if (done) return;
  done = true;
  const netConnect = net.connect;
  const tlsConnect = tls.connect;
  (net as { connect: typeof net.connect }).connect = ((...args: Parameters<typeof net.connect>) => netConnect(...args).setNoDelay(true)) as typeof net.connect;
  (tls as { connect: typeof tls.connect }).connect = ((...args: Parameters<typeof tls.connect>) => {
    const socket = tlsConnect(...args);
    socket.setNoDelay(true);
    return socket;
  }) as typeof tls.connect;
}
