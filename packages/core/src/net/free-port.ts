// A port of 127.0.0.1 that nothing listens on now: the system's pick for port 0, released at
// once, for a server about to be started there (a small race that a start failure reports).
import { once } from 'node:events';
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
