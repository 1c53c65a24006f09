#!/usr/bin/env python3
"""The reference receiver for receiver-throughput.sh: what a user would write by hand.

http.server (one thread per connection) + sqlite3 in WAL mode with synchronous=FULL, one commit per request,
the same natural key as mmskit (task_id + phone), answering the plain text `success` after the commit.
Prints `listening on http://HOST:PORT` first, like `mmskit receipts serve`.
"""
import json
import sqlite3
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DB = sys.argv[1]
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 0
lock = threading.Lock()
connection = sqlite3.connect(DB, check_same_thread=False, isolation_level=None)
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("PRAGMA synchronous=FULL")
connection.execute(
    "CREATE TABLE IF NOT EXISTS pushes (id INTEGER PRIMARY KEY, kind TEXT, task_id TEXT, phone TEXT, code TEXT,"
    " message TEXT, report_time TEXT, payload TEXT, UNIQUE(kind, task_id, phone))")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        try:
            body = json.loads(self.rfile.read(length))
            records = body if isinstance(body, list) else [body]
            rows = [("receipt", r["task_id"], r["phone"], r["code"], r.get("message"), r.get("report_time"),
                     json.dumps(r, sort_keys=True)) for r in records]
        except (ValueError, KeyError, TypeError) as error:
            self.answer(400, f"bad receipt: {error}")
            return
        with lock:
            connection.execute("BEGIN")
            connection.executemany(
                "INSERT INTO pushes (kind, task_id, phone, code, message, report_time, payload) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT(kind, task_id, phone) DO UPDATE SET code=excluded.code", rows)
            connection.execute("COMMIT")
        self.answer(200, "success")

    def answer(self, status, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
server.daemon_threads = True
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
