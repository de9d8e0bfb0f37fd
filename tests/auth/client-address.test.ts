import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, installSocketAddressHeader, SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddress: the socket's address, X-Forwarded-For only from a trusted proxy", () => {
  it("uses the socket address and ignores a client-sent X-Forwarded-For", () => {
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "198.51.100.7", "x-forwarded-for": "1.2.3.4" }), [])).toBe("198.51.100.7");
  });

  it("believes X-Forwarded-For when the socket is a trusted proxy, taking the right-most untrusted entry", () => {
    const h = headers({ [SOCKET_ADDRESS_HEADER]: "::ffff:10.0.0.5", "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.4" });
    expect(clientAddress(h, ["10.0.0.5", "10.0.0.4"])).toBe("198.51.100.7");
    // Only one proxy trusted: the entry it added is the client (a spoofed left-hand entry is not).
    expect(clientAddress(h, ["10.0.0.5"])).toBe("10.0.0.4");
  });

  it("is 'unknown' when the server did not stamp the request", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4" }), [])).toBe("unknown");
  });

  it("stamps every request with the socket address, over a client-sent value", async () => {
    await installSocketAddressHeader();
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers[SOCKET_ADDRESS_HEADER] as string | undefined);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      request({ port, host: "127.0.0.1", headers: { [SOCKET_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } }, (res) => {
        res.resume();
        res.on("end", resolve);
      })
        .on("error", reject)
        .end();
    });
    await new Promise((resolve) => server.close(resolve));
    expect(seen).toEqual(["127.0.0.1"]);
  });
});
