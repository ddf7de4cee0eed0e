/**
 * A small TCP balancer on a free loopback port, as a load balancer in front of cluster replicas:
 * each new connection goes to the next backend round-robin, skipping one that refuses (a dead
 * replica), and lives as long as both ends do. No HTTP awareness: WebSocket upgrades pass as bytes.
 */
import { createServer, connect, type Socket } from "node:net";

export interface TcpBalancer {
  url: string;
  /** Where new connections go from now on (open ones stay where they are). */
  setBackends(ports: number[]): void;
  close(): Promise<void>;
}

export async function tcpBalancer(initial: number[]): Promise<TcpBalancer> {
  let backends = [...initial];
  let next = 0;
  const open = new Set<Socket>();
  const dial = (client: Socket, tries: number) => {
    if (tries >= backends.length) {
      client.destroy();
      return;
    }
    const port = backends[next++ % backends.length]!;
    const upstream = connect(port, "127.0.0.1");
    let connected = false;
    upstream.once("connect", () => {
      connected = true;
      open.add(upstream);
      // Only a connection that was made ends its client with it; a refused one tries the next backend.
      upstream.once("close", () => {
        open.delete(upstream);
        client.destroy();
      });
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on("error", () => {
      if (!connected) dial(client, tries + 1);
      else client.destroy();
    });
  };
  const server = createServer((client) => {
    open.add(client);
    client.pause();
    client.on("error", () => undefined);
    client.once("close", () => open.delete(client));
    dial(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    setBackends(ports) {
      backends = [...ports];
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
