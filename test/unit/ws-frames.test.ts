import { describe, expect, it } from "vitest";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { FrameWriter, textFrame } from "../../collector/ws-frames.ts";

/** A ws server whose screens get messages from a FrameWriter (as the hub sends them), and ws's own client. */
async function pair(): Promise<{ server: Server; client: WebSocket; writer: FrameWriter; screen: WebSocket }> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const writer = new FrameWriter();
  const server = createServer();
  const accepted = new Promise<WebSocket>((resolve) =>
    server.on("upgrade", (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        writer.attach(ws, socket as Socket);
        resolve(ws);
      }),
    ),
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await once(client, "open");
  return { server, client, writer, screen: await accepted };
}

describe("ws-frames", () => {
  it("frames a payload with the header RFC 6455 §5.2 gives for its length (7-, 16- and 64-bit)", () => {
    expect([...textFrame(Buffer.from("hi"))]).toEqual([0x81, 2, 0x68, 0x69]);
    expect([...textFrame(Buffer.alloc(126, 0x61)).subarray(0, 4)]).toEqual([0x81, 126, 0, 126]);
    expect([...textFrame(Buffer.alloc(65535, 0x61)).subarray(0, 4)]).toEqual([0x81, 126, 0xff, 0xff]);
    expect([...textFrame(Buffer.alloc(65536, 0x61)).subarray(0, 10)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it("reaches a real ws client whole and in order, at every length boundary, between ws's own frames", async () => {
    const { server, client, writer, screen } = await pair();
    const sizes = [0, 1, 125, 126, 127, 65535, 65536, 200_000];
    const got: string[] = [];
    client.on("message", (data, binary) => got.push(`${binary ? "binary" : "text"}:${String(data).length}`));
    const messages = sizes.map((n) => Buffer.from(JSON.stringify("é".repeat(Math.max(0, n - 2) >> 1))));
    for (const [i, m] of messages.entries()) {
      writer.send(screen, m);
      if (i === 3) screen.ping("mid"); // ws's own frame between two of ours: the order must hold
      writer.send(screen, m); // the same message again: the kept frame
    }
    while (got.length < messages.length * 2) await once(client, "message");
    expect(got).toEqual(messages.flatMap((m) => [`text:${m.toString().length}`, `text:${m.toString().length}`]));
    client.close();
    await once(client, "close");
    server.close();
  });

  it("counts in ws.bufferedAmount what the socket has not written yet", async () => {
    const { server, client, writer, screen } = await pair();
    client.pause();
    const big = Buffer.alloc(1 << 20, 0x61);
    for (let i = 0; i < 16 && screen.bufferedAmount === 0; i++) writer.send(screen, big);
    expect(screen.bufferedAmount).toBeGreaterThan(0);
    client.terminate();
    server.close();
  });

  it("without a socket (a screen added without one) sends with ws itself", () => {
    const sent: unknown[] = [];
    const fake = { send: (b: unknown, o: unknown) => sent.push([String(b), o]) } as unknown as WebSocket;
    new FrameWriter().send(fake, Buffer.from('{"type":"x"}'));
    expect(sent).toEqual([['{"type":"x"}', { binary: false }]]);
  });
});
