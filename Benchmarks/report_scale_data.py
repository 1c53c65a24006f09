#!/usr/bin/env python3
"""The campaign behind Benchmarks/report-scale.sh: N numbers, the send journal of an ihuyi campaign that sent them
in chunks of 10,000 (every chunk acknowledged with a task id), and, in a store whose schema `mmskit receipts
migrate` made, the rows `mmskit receipts serve` would have written for it: a delivery receipt per number, replies
(some of them opt-out keywords, each with its suppression entry as the receiver adds it in the reply's
transaction), and opt-outs added by hand and imported. Deterministic (fixed seed).

usage: report_scale_data.py N WORK     (WORK/store.sqlite must exist, migrated; writes WORK/phones.txt,
                                        WORK/send.jsonl, WORK/expected.json and fills the store)
"""
import hashlib
import json
import random
import sqlite3
import sys
import time

n, work = int(sys.argv[1]), sys.argv[2]
rng = random.Random(21)
CHUNK = 10_000
T0 = 1_796_090_400  # 2026-12-01 02:00:00 UTC (10:00 China time): the journal's creation
PREFIXES = [139, 138, 186, 150, 177, 199, 135, 158]
# Failure codes as carriers pass them through ihuyi, with ihuyi's message, and their share of the failures.
FAILURES = [("MK:0001", "空号", 45), ("UNDELIV", "停机", 25), ("EXPIRED", "超时未接收", 15),
            ("MK:0012", "关机", 10), ("BLACK", "黑名单", 5)]
REPLIES = [("T", 30), ("TD", 5), ("退订", 5), ("好的", 20), ("收到", 15), ("谢谢", 10), ("什么活动？", 10), ("1", 5)]
OPT_OUT_KEYWORDS = {"T", "TD", "退订"}
REPLY_COUNT = min(5_000, n // 2)
MANUAL_OPT_OUTS = min(50, n // 4)
IMPORTED_OPT_OUTS = 2_000


def phone(i):
    """The i-th number: 8 mobile prefixes in turn, the rest spread by a multiplication that is a bijection mod 1e8."""
    return f"{PREFIXES[i % 8]}{(i // 8) * 7919 % 100_000_000:08d}"


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


_china = {}


def china(t):
    """China time as ihuyi writes it (`YYYY-MM-DD HH:MM:SS`), for a whole second since the epoch."""
    text = _china.get(t)
    if text is None:
        text = _china[t] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t + 8 * 3600))
    return text


_utc = {}


def stored(t):
    """A time as GRDB stores a Date (`YYYY-MM-DD HH:MM:SS.SSS`, UTC)."""
    second = int(t)
    text = _utc.get(second)
    if text is None:
        text = _utc[second] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(second))
    return f"{text}.{int((t - second) * 1000):03d}"


def key(*parts):
    """PushRecord.key: each part as its UTF-8 length, a colon and itself, joined by |."""
    return "|".join(f"{len(p.encode())}:{p}" for p in parts)


def payload(fields):
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def pick(table):
    return rng.choices([row[:-1] for row in table], weights=[row[-1] for row in table])[0]


# The list, and its SHA-256 as RecipientList.fingerprint computes it (the file's bytes).
data = "".join(f"{phone(i)}\n" for i in range(n)).encode()
with open(f"{work}/phones.txt", "wb") as f:
    f.write(data)

# The journal: a pending record before each chunk went out and an acknowledged one after, 1.5 s apart a chunk.
chunks = (n + CHUNK - 1) // CHUNK
acked = [T0 + 2 + (k * 3) // 2 for k in range(chunks)]
task = [f"mms{300_000 + k}" for k in range(chunks)]
with open(f"{work}/send.jsonl", "w") as f:
    header = {"campaignID": "5E1D2C3B-0A9F-4E8D-B7C6-A5B4C3D2E1F0", "chunkSize": CHUNK, "created": iso(T0),
              "messageSHA256": hashlib.sha256(b"template 100001").hexdigest(), "phonesPath": "phones.txt",
              "phonesSHA256": hashlib.sha256(data).hexdigest(), "provider": "ihuyi", "version": 2}
    f.write(json.dumps({"header": header, "type": "campaign"}, sort_keys=True, separators=(",", ":")) + "\n")
    for k in range(chunks):
        count = min(CHUNK, n - k * CHUNK)
        chunk = {"at": iso(acked[k]), "count": count, "first": k * CHUNK, "generation": 0, "index": k,
                 "requestID": f"0B{k:06X}-5E1D-4C3B-8A9F-4E8DB7C6A5B4", "since": iso(acked[k]), "state": "pending"}
        f.write(json.dumps({"chunk": chunk, "type": "chunk"}, sort_keys=True, separators=(",", ":")) + "\n")
        chunk.update(state="acknowledged", accepted=count, rejected=0, taskID=task[k])
        f.write(json.dumps({"chunk": chunk, "type": "chunk"}, sort_keys=True, separators=(",", ":")) + "\n")

# Rows as the receiver writes them, in the order they arrive (receipts of every task interleaved, replies among
# them): (received_at as seconds, kind, natural_key, task_id, phone, code, outcome, message, event_time, payload).
rows = []
delivered = failed = 0
failures = {}
report_at = [0] * n
reached = []
for i in range(n):
    k = i // CHUNK
    number = phone(i)
    sent = acked[k] + rng.randint(0, 3)
    if rng.random() < 0.97:
        code, message, outcome = "DELIVERED", "用户已成功收到", "delivered"
        r = rng.random()
        delay = rng.uniform(2, 12) if r < 0.7 else rng.uniform(12, 120) if r < 0.95 else rng.uniform(120, 1800)
        delivered += 1
        reached.append(i)
    else:
        code, message = pick(FAILURES)
        outcome = "failed"
        delay = rng.uniform(1800, 7200) if code == "EXPIRED" else rng.uniform(5, 600)
        failed += 1
        failures[code] = failures.get(code, 0) + 1
    reported = sent + int(delay)
    report_at[i] = reported
    body = payload({"code": code, "message": message, "phone": number, "report_time": china(reported),
                    "send_time": china(sent), "task_id": task[k]})
    rows.append((reported + rng.uniform(0.05, 1.5), "delivery_receipt", key(task[k], number), task[k], number, code,
                 outcome, message, china(reported), body))

repliers = rng.sample(reached, REPLY_COUNT)  # numbers the message reached
opt_outs = []
for i in repliers:
    k = i // CHUNK
    number = phone(i)
    content = pick(REPLIES)[0]
    received = report_at[i] + rng.randint(30, 6 * 3600)
    body = payload({"content": content, "dest_code": "", "phone": number, "receive_time": china(received),
                    "send_time": china(acked[k]), "task_id": task[k]})
    arrived = received + rng.uniform(0.05, 1.5)
    rows.append((arrived, "reply", key(number, china(received), content), task[k], number, None, None, content,
                 china(received), body))
    if content in OPT_OUT_KEYWORDS:
        opt_outs.append((number, "reply", "ihuyi", content, task[k], stored(arrived)))
rows.sort(key=lambda row: row[0])

replied = set(repliers)
manual = [i for i in rng.sample(range(n), MANUAL_OPT_OUTS + 100) if i not in replied][:MANUAL_OPT_OUTS]
opt_outs += [(phone(i), "manual", None, None, None, stored(T0 + 86_400 + j * 60)) for j, i in enumerate(manual)]
# Imported before the campaign, numbers that are not on its list: the report counts none of them.
opt_outs += [(f"170{j:08d}", "import", None, None, None, stored(T0 - 30 * 86_400)) for j in range(IMPORTED_OPT_OUTS)]

db = sqlite3.connect(f"{work}/store.sqlite", isolation_level=None)
db.execute("PRAGMA synchronous = OFF")
db.execute("PRAGMA cache_size = -262144")
db.execute("BEGIN")
db.executemany(
    """INSERT INTO pushes (kind, provider, natural_key, task_id, phone, code, outcome, message, template_id,
           event_time, first_event_time, payload, received_at, updated_at, revision)
       VALUES (?, 'ihuyi', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 1)""",
    ((kind, natural, task_id, number, code, outcome, message, event, event, body, stored(at), stored(at))
     for at, kind, natural, task_id, number, code, outcome, message, event, body in rows))
db.executemany("INSERT INTO suppressions (phone, source, provider, keyword, task_id, opted_out_at) VALUES (?, ?, ?, ?, ?, ?)",
               opt_outs)
db.execute("COMMIT")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()

with open(f"{work}/expected.json", "w") as f:
    json.dump({"sent": n, "delivered": delivered, "failed": failed, "pending": n - delivered - failed,
               "replies": REPLY_COUNT, "optOuts": sum(1 for o in opt_outs if o[1] == "reply") + MANUAL_OPT_OUTS,
               "failures": failures, "rows": len(rows)}, f, sort_keys=True)
