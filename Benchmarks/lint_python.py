#!/usr/bin/env python3
"""Reference for Benchmarks/lint-throughput.sh: lint ihuyi MMS JSON files in plain Python, one process.

    python3 Benchmarks/lint_python.py [-v] PATH...      (directories: their *.json files, recursively)

Accepts templateCreate bodies {title, sign_name, purpose, content}, batchSend bodies {product_id, phone[],
sign_name, title, content | template_id, send_time} and bare content arrays [[{con_type, ext_type, data}]].
Checks: JSON syntax; required fields, types, unknown fields (warnings, as in mmskit); frames (non-empty, <= 1 text and <= 1 media,
known and consistent con_type/ext_type); strict base64 (b64decode validate=True); non-empty text; media
truth (python-magic from_buffer on the decoded bytes must give the MIME of ext_type; PNG ends with an IEND
chunk, JPEG starts FFD8 and ends FFD9, GIF ends 0x3B, MP4 top-level boxes add up to the length and include
ftyp/moov/mdat, MP3 has a frame sync after any ID3v2 tag); total size <= 1900 KB and <= 9 frames; title
<= 40 characters; sign_name 【…】; purpose for templates; phones 11-digit mainland mobiles after removing
+86/0086, spaces and dashes (1-10,000 of them; duplicates are warnings); send_time `YYYY-MM-DD HH:MM:SS`
not in the past (UTC+8). Heuristics are warnings: an opt-out line (回T退订 / 拒收请回复R), no 【】 in the
text, no URLs, not text-only or media-only, at most one video.

Prints `PATH: N errors` for every file with errors (with -v also each error and warning), a summary on
stderr, and exits 1 when any file has errors. Needs `pip install python-magic` (and libmagic1).
"""
import base64
import binascii
import datetime
import json
import os
import re
import struct
import sys

import magic

MAX_TOTAL_BYTES = 1900 * 1024
MAX_FRAMES = 9
MAX_TITLE = 40
MAX_PHONES = 10_000
MEDIA_EXT = {"image": {"jpg", "jpeg", "png", "gif"}, "audio": {"mp3"}, "video": {"mp4"}}
EXT_MIME = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
            "mp3": "audio/mpeg", "mp4": "video/mp4"}
ITEM_KEYS = {"con_type", "ext_type", "data"}
TEMPLATE_KEYS = {"title", "sign_name", "purpose", "content"}
BATCH_KEYS = {"product_id", "phone", "sign_name", "title", "content", "template_id", "send_time"}
SIGN_RE = re.compile(r"【[^【】]+】")
PHONE_RE = re.compile(r"1[3-9][0-9]{9}")
TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
URL_RE = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(?:com|cn|net|org|cc|top|xyz)\b", re.IGNORECASE)
OPT_OUT = ("回T退订", "拒收请回复R")
CHINA = datetime.timezone(datetime.timedelta(hours=8))


class Report:
    def __init__(self):
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, msg: str) -> None:
        self.errors.append(msg)

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)


# --------------------------------------------------------------------------------------- media structure
def id3_end(data: bytes) -> int:
    """Offset just past an ID3v2 tag at the start of data (0 when there is none)."""
    if len(data) >= 10 and data[:3] == b"ID3":
        size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F)
        return 10 + size + (10 if data[5] & 0x10 else 0)
    return 0


def structure_problem(ext: str, data: bytes) -> str | None:
    if ext == "png":
        if len(data) < 57 or data[-12:-8] != b"\0\0\0\0" or data[-8:-4] != b"IEND":
            return "PNG does not end with an IEND chunk (truncated?)"
    elif ext in ("jpg", "jpeg"):
        if data[:2] != b"\xff\xd8" or data[-2:] != b"\xff\xd9":
            return "JPEG does not end with the FFD9 end-of-image marker (truncated?)"
    elif ext == "gif":
        if data[-1:] != b"\x3b":
            return "GIF does not end with the 0x3B trailer (truncated?)"
    elif ext == "mp4":
        pos, boxes = 0, set()
        while pos + 8 <= len(data):
            size, kind = struct.unpack_from(">I4s", data, pos)
            if size == 1:
                if pos + 16 > len(data):
                    break
                size = struct.unpack_from(">Q", data, pos + 8)[0]
            elif size == 0:
                size = len(data) - pos
            if size < 8:
                return f"MP4 box {kind!r} at {pos} has an invalid size {size}"
            boxes.add(kind)
            pos += size
        if pos != len(data):
            return f"MP4 top-level boxes add up to {pos} bytes, the file has {len(data)} (truncated?)"
        missing = [k.decode() for k in (b"ftyp", b"moov", b"mdat") if k not in boxes]
        if missing:
            return f"MP4 lacks top-level box(es) {', '.join(missing)}"
    elif ext == "mp3":
        pos = id3_end(data)
        if pos + 2 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
            return f"MP3 has no frame sync at offset {pos} (after the ID3 tag)"
    return None


# --------------------------------------------------------------------------------------- content
def check_content(content, rep: Report, sniffer: magic.Magic, where: str = "content") -> None:
    if not isinstance(content, list):
        rep.error(f"{where}: must be an array of frames")
        return
    if not content:
        rep.error(f"{where}: has no frames")
        return
    if len(content) > MAX_FRAMES:
        rep.error(f"{where}: {len(content)} frames, at most {MAX_FRAMES}")
    total = 0
    texts: list[str] = []
    media_count = video_count = 0
    for f, frame in enumerate(content):
        at = f"{where}[{f}]"
        if not isinstance(frame, list):
            rep.error(f"{at}: a frame must be an array of items")
            continue
        if not frame:
            rep.error(f"{at}: empty frame")
            continue
        n_text = n_media = 0
        for i, item in enumerate(frame):
            it = f"{at}[{i}]"
            if not isinstance(item, dict):
                rep.error(f"{it}: an item must be an object")
                continue
            for key in sorted(item.keys() - ITEM_KEYS):
                rep.warn(f"{it}: unknown field {key!r}")
            bad = False
            for key in ("con_type", "ext_type", "data"):
                if key not in item:
                    rep.error(f"{it}: missing {key}")
                    bad = True
                elif not isinstance(item[key], str):
                    rep.error(f"{it}: {key} must be a string")
                    bad = True
            if bad:
                continue
            con, ext, data = item["con_type"], item["ext_type"].lower(), item["data"]
            if con == "text":
                n_text += 1
                if ext != "txt":
                    rep.error(f"{it}: text item with ext_type {ext!r} (expected txt)")
                if not data.strip():
                    rep.error(f"{it}: empty text")
                texts.append(data)
                total += len(data.encode("utf-8"))
                continue
            if con not in MEDIA_EXT:
                rep.error(f"{it}: unknown con_type {con!r}")
                continue
            n_media += 1
            media_count += 1
            video_count += con == "video"
            if ext not in EXT_MIME:
                rep.error(f"{it}: unknown ext_type {ext!r}")
                continue
            if ext not in MEDIA_EXT[con]:
                rep.error(f"{it}: con_type {con} does not go with ext_type {ext}")
                continue
            try:
                raw = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError) as e:
                rep.error(f"{it}: data is not strict base64 ({e})")
                continue
            total += len(raw)
            mime = sniffer.from_buffer(raw[id3_end(raw):] if ext == "mp3" else raw)
            if mime != EXT_MIME[ext]:
                rep.error(f"{it}: declared {ext} but the data is {mime}")
                continue
            problem = structure_problem(ext, raw)
            if problem:
                rep.error(f"{it}: {problem}")
        if n_text > 1:
            rep.error(f"{at}: {n_text} text items in one frame (at most 1)")
        if n_media > 1:
            rep.error(f"{at}: {n_media} media items in one frame (at most 1)")
    if total > MAX_TOTAL_BYTES:
        rep.error(f"{where}: {total} bytes in total, limit {MAX_TOTAL_BYTES}")
    # heuristics
    joined = "\n".join(texts)
    if texts and not any(o in joined for o in OPT_OUT):
        rep.warn(f"{where}: no opt-out line (回T退订 or 拒收请回复R)")
    if "【" in joined or "】" in joined:
        rep.warn(f"{where}: 【】 in the text (the signature goes in sign_name)")
    if URL_RE.search(joined):
        rep.warn(f"{where}: URL in the text")
    if not media_count:
        rep.warn(f"{where}: text only")
    elif not texts:
        rep.warn(f"{where}: media only")
    if video_count > 1:
        rep.warn(f"{where}: {video_count} videos (at most 1)")


# --------------------------------------------------------------------------------------- bodies
def check_string(body: dict, key: str, rep: Report, required: bool) -> str | None:
    if key not in body:
        if required:
            rep.error(f"missing {key}")
        return None
    value = body[key]
    if not isinstance(value, str):
        rep.error(f"{key} must be a string")
        return None
    return value


def check_title_sign(body: dict, rep: Report, required: bool) -> None:
    title = check_string(body, "title", rep, required)
    if title is not None:
        if not title.strip():
            rep.error("empty title")
        elif len(title) > MAX_TITLE:
            rep.error(f"title has {len(title)} characters, at most {MAX_TITLE}")
    sign = check_string(body, "sign_name", rep, required)
    if sign is not None and not SIGN_RE.fullmatch(sign):
        rep.error(f"sign_name {sign!r} must look like 【name】")


def is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def check_phones(phones, rep: Report) -> None:
    if not isinstance(phones, list):
        rep.error("phone must be an array of strings")
        return
    if not phones:
        rep.error("phone is empty")
    elif len(phones) > MAX_PHONES:
        rep.error(f"{len(phones)} phone numbers, at most {MAX_PHONES}")
    seen = set()
    for i, p in enumerate(phones):
        if not isinstance(p, str):
            rep.error(f"phone[{i}] must be a string")
            continue
        n = p.replace(" ", "").replace("-", "")
        if n.startswith("+86"):
            n = n[3:]
        elif n.startswith("0086"):
            n = n[4:]
        if not (n.isascii() and PHONE_RE.fullmatch(n)):
            rep.error(f"phone[{i}] {p!r} is not an 11-digit mainland mobile number")
        elif n in seen:
            rep.warn(f"phone[{i}] {p!r} is a duplicate")
        else:
            seen.add(n)


def check_send_time(value, rep: Report) -> None:
    if not isinstance(value, str) or not TIME_RE.fullmatch(value):
        rep.error(f"send_time {value!r} must be YYYY-MM-DD HH:MM:SS")
        return
    try:
        when = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=CHINA)
    except ValueError:
        rep.error(f"send_time {value!r} is not a valid date and time")
        return
    if when < datetime.datetime.now(CHINA):
        rep.error(f"send_time {value!r} is in the past (UTC+8)")


def check_template(body: dict, rep: Report, sniffer) -> None:
    for key in sorted(body.keys() - TEMPLATE_KEYS):
        rep.warn(f"unknown field {key!r}")
    check_title_sign(body, rep, required=True)
    purpose = check_string(body, "purpose", rep, required=True)
    if purpose is not None and not purpose.strip():
        rep.error("empty purpose")
    if "content" not in body:
        rep.error("missing content")
    else:
        check_content(body["content"], rep, sniffer)


def check_batch(body: dict, rep: Report, sniffer) -> None:
    for key in sorted(body.keys() - BATCH_KEYS):
        rep.warn(f"unknown field {key!r}")
    if "product_id" not in body:
        rep.error("missing product_id")
    elif not is_int(body["product_id"]):
        rep.error("product_id must be an integer")
    if "phone" not in body:
        rep.error("missing phone")
    else:
        check_phones(body["phone"], rep)
    has_template = "template_id" in body
    if has_template and not is_int(body["template_id"]):
        rep.error("template_id must be an integer")
    check_title_sign(body, rep, required=not has_template)
    if "content" in body:
        check_content(body["content"], rep, sniffer)
    elif not has_template:
        rep.error("needs content or template_id")
    if "send_time" in body:
        check_send_time(body["send_time"], rep)


BATCH_ONLY = {"product_id", "phone", "template_id", "send_time"}


def lint_file(path: str, sniffer: magic.Magic) -> Report:
    rep = Report()
    with open(path, "rb") as f:
        raw = f.read()
    try:
        doc = json.loads(raw)
    except ValueError as e:   # JSONDecodeError and UnicodeDecodeError
        rep.error(f"invalid JSON: {e}")
        return rep
    if isinstance(doc, list):
        check_content(doc, rep, sniffer)
    elif isinstance(doc, dict):
        (check_batch if doc.keys() & BATCH_ONLY else check_template)(doc, rep, sniffer)
    else:
        rep.error("top level must be an object or an array of frames")
    return rep


def expand(paths: list[str]) -> list[str]:
    out = []
    for p in paths:
        if os.path.isdir(p):
            for d, dirs, files in os.walk(p):
                dirs.sort()
                out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".json"))
        else:
            out.append(p)
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = expand([a for a in argv if a != "-v"])
    sniffer = magic.Magic(mime=True)
    bad = warned = 0
    lines = []
    for path in paths:
        rep = lint_file(path, sniffer)
        warned += bool(rep.warnings)
        if rep.errors:
            bad += 1
            lines.append(f"{path}: {len(rep.errors)} errors")
        elif verbose and rep.warnings:
            lines.append(f"{path}: 0 errors, {len(rep.warnings)} warnings")
        if verbose:
            lines.extend(f"  error: {m}" for m in rep.errors)
            lines.extend(f"  warning: {m}" for m in rep.warnings)
    sys.stdout.write("\n".join(lines) + ("\n" if lines else ""))
    print(f"{len(paths)} files, {bad} with errors, {warned} with warnings", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
