#!/usr/bin/env python3
"""A scripted HTTP/1.1 proxy between the S3 client under test and moto, for S3FaultTests.

usage: fault_proxy.py UPSTREAM_PORT   -> binds 127.0.0.1 on a free port, prints "PORT <n>" and serves.

Control requests (not forwarded):
  POST /__fault__/rules  {"match": "<substring of the path>", "method": "GET" (optional),
                          "actions": ["reset", "500", ...]}   each matching request takes the next action;
                          when a rule runs out, requests pass through.
  GET  /__fault__/log    JSON list of {"method", "path", "range", "action", "region", "connection"} of the
                         requests seen ("connection" numbers the client's TCP connections).
Actions:
  pass        forward unchanged
  reset       close the connection with a TCP reset before answering
  500 / 503 / 429   answer InternalError / SlowDown / TooManyRequests without forwarding
  truncate    forward, then send the headers and half the body, and close the connection
  short       forward, then send half the body with a matching Content-Length (Content-Range unchanged)
  wrongrange  forward, then shift the Content-Range by one byte
  stall[:S]   forward, then send the headers and a few bytes, and stay silent for S seconds (default 8)
  redirect:R  answer 301 PermanentRedirect with x-amz-bucket-region: R
"""
import http.client
import json
import socket
import socketserver
import struct
import sys
import threading
import time

UPSTREAM_PORT = int(sys.argv[1])
LOCK = threading.Lock()
RULES = []
LOG = []
CONNECTIONS = [0]

ERRORS = {
    "500": (500, "Internal Server Error", "InternalError", "We encountered an internal error. Please try again."),
    "503": (503, "Slow Down", "SlowDown", "Please reduce your request rate."),
    "429": (429, "Too Many Requests", "TooManyRequests", "Please reduce your request rate."),
}


def next_action(method, path):
    with LOCK:
        for rule in RULES:
            if rule["match"] in path and rule.get("method", method) == method and rule["actions"]:
                return rule["actions"].pop(0)
    return "pass"


def region_of(headers):
    auth = headers.get("authorization", "")
    marker = "Credential="
    if marker not in auth:
        return None
    scope = auth.split(marker, 1)[1].split(",", 1)[0].split("/")
    return scope[2] if len(scope) > 2 else None


class Handler(socketserver.BaseRequestHandler):
    def setup(self):
        self.reader = self.request.makefile("rb")
        with LOCK:
            CONNECTIONS[0] += 1
            self.connection_id = CONNECTIONS[0]

    def read_request(self):
        line = self.reader.readline()
        if not line:
            return None
        method, target, _ = line.decode("latin-1").split(" ", 2)
        headers = []
        while True:
            h = self.reader.readline().decode("latin-1")
            if h in ("\r\n", "\n", ""):
                break
            name, _, value = h.partition(":")
            headers.append((name.strip(), value.strip()))
        lower = {k.lower(): v for k, v in headers}
        length = int(lower.get("content-length", "0") or 0)
        body = self.reader.read(length) if length else b""
        return method, target, headers, lower, body

    def send(self, status, reason, headers, body):
        head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
        self.request.sendall(head.encode("latin-1") + body)

    def reset(self):
        self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.request.close()

    def handle(self):
        while True:
            try:
                parsed = self.read_request()
            except (OSError, ValueError):
                return
            if parsed is None:
                return
            method, target, headers, lower, body = parsed
            if target.startswith("/__fault__/"):
                self.control(method, target, body)
                continue
            action = next_action(method, target)
            with LOCK:
                LOG.append({"method": method, "path": target, "range": lower.get("range"), "action": action,
                            "region": region_of(lower), "connection": self.connection_id})
            if action == "reset":
                self.reset()
                return
            if action in ERRORS:
                status, reason, code, message = ERRORS[action]
                xml = f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>"
                data = xml.encode()
                self.send(status, reason, [("Content-Type", "application/xml"), ("Content-Length", str(len(data)))], data)
                continue
            if action.startswith("redirect:"):
                region = action.split(":", 1)[1]
                xml = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PermanentRedirect</Code>"
                       f"<Message>The bucket is in another region.</Message><Region>{region}</Region></Error>")
                data = xml.encode()
                self.send(301, "Moved Permanently", [("Content-Type", "application/xml"), ("Content-Length", str(len(data))),
                                                     ("x-amz-bucket-region", region)], data)
                continue
            status, reason, resp_headers, resp_body = self.forward(method, target, headers, body)
            if action == "truncate" and len(resp_body) > 1:
                self.send(status, reason, resp_headers, resp_body[: len(resp_body) // 2])
                self.request.shutdown(socket.SHUT_WR)
                self.request.close()
                return
            if action == "short" and len(resp_body) > 1:
                resp_body = resp_body[: len(resp_body) // 2]
                resp_headers = [(k, str(len(resp_body)) if k.lower() == "content-length" else v) for k, v in resp_headers]
            if action == "wrongrange":
                def shift(value):
                    unit, _, spec = value.partition(" ")
                    rng, _, total = spec.partition("/")
                    first, _, last = rng.partition("-")
                    return f"{unit} {int(first) + 1}-{int(last) + 1}/{total}"
                resp_headers = [(k, shift(v) if k.lower() == "content-range" else v) for k, v in resp_headers]
            if action == "stall" or action.startswith("stall:"):
                self.send(status, reason, resp_headers, resp_body[:3])
                time.sleep(float(action.partition(":")[2] or 8))
                self.reset()
                return
            self.send(status, reason, resp_headers, resp_body)

    def forward(self, method, target, headers, body):
        conn = http.client.HTTPConnection("127.0.0.1", UPSTREAM_PORT, timeout=30)
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for k, v in headers:
            conn.putheader(k, v)
        conn.endheaders(body if body else None)
        resp = conn.getresponse()
        data = resp.read() if method != "HEAD" else b""
        hop = {"connection", "keep-alive", "transfer-encoding", "content-length"}
        out = [(k, v) for k, v in resp.getheaders() if k.lower() not in hop]
        if method == "HEAD":
            length = resp.getheader("Content-Length")
            if length is not None:
                out.append(("Content-Length", length))
        else:
            out.append(("Content-Length", str(len(data))))
        conn.close()
        return resp.status, resp.reason, out, data

    def control(self, method, target, body):
        if target.startswith("/__fault__/rules") and method == "POST":
            rule = json.loads(body)
            with LOCK:
                RULES.append(rule)
            data = b"{}"
        elif target.startswith("/__fault__/log"):
            with LOCK:
                data = json.dumps(LOG).encode()
        else:
            data = b"{}"
        self.send(200, "OK", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))], data)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
