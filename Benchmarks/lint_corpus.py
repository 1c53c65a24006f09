#!/usr/bin/env python3
"""Generate the lint corpus for Benchmarks/lint-throughput.sh (deterministic: fixed seed, fixed media pool).

    python3 Benchmarks/lint_corpus.py OUT_DIR --pool POOL_DIR --manifest MANIFEST.tsv [--count 2000] [--seed N]

1. The media pool (POOL_DIR, made once, reused while POOL_DIR/.complete-v1 exists): 40 real files made with
   ffmpeg, ImageMagick (/usr/bin/convert), lame and sox: 9 jpg, 7 png, 6 gif, 8 mp3 (one with a ~140 KB ID3
   cover picture), 7 mp4 (H.264/AAC, faststart or not), plus 2 webp and 1 m4a used only by invalid files.
   Sizes 4 KB to 500 KB. Byte-for-byte repeatable with the same tool versions (x264 on one thread, sox -R,
   PNGs without ImageMagick's date chunks), so the corpus is too.
2. COUNT ihuyi MMS JSON files in OUT_DIR named 0000.json … (OUT_DIR is emptied first), file sizes spread
   log-uniformly from 10 KB to 1 MB:
   - ~64 % valid and clean: templateCreate bodies, batchSend bodies (content + 10–2,000 phones, or
     template_id + 700–2,000 phones) and bare content arrays;
   - ~6 % valid but with heuristic warnings only (no opt-out line, URL or 【】 in the text, text-only,
     media-only, two videos, duplicate phones): no errors if heuristics are warnings;
   - ~30 % invalid, one defect each (see DEFECTS).
   About 40 % are pretty-printed (indent=2), the rest compact; ~10 % escape non-ASCII as \\uXXXX.
3. MANIFEST (outside OUT_DIR so the linter never sees it): tab-separated
   `name  bytes  status(valid|warn|invalid)  shape  defect  layout`, one line per file.

Prints statistics to stderr. Needs ffmpeg (libx264, libmp3lame, aac, gif), /usr/bin/convert (with webp),
lame, sox.
"""
import argparse
import base64
import bisect
import json
import math
import random
import shutil
import subprocess
import sys
from pathlib import Path

POOL_MARKER = ".complete-v1"
KB = 1000
MIN_BYTES, MAX_BYTES = 10 * KB, 1000 * KB   # file sizes (bytes)

# ------------------------------------------------------------------------------------------------ pool
FF = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"]
CONVERT = "/usr/bin/convert"
NO_DATE = ["-define", "png:exclude-chunks=date,time"]   # ImageMagick stamps PNGs with the time otherwise
X264 = ["-c:v", "libx264", "-threads", "1", "-preset", "veryfast"]   # one thread: the same bytes every time


def lavfi(src: str) -> list[str]:
    return ["-f", "lavfi", "-i", src]


def pool_commands(p: Path, tmp: Path) -> list[list[str]]:
    """Commands that make the pool; names are KIND-DESCRIPTION.EXT."""
    cmds: list[list[str]] = []
    # JPEG: ffmpeg test pattern + noise at several sizes, two ImageMagick plasma photos
    for i, (size, q, noise) in enumerate([("160x120", 5, 0), ("320x240", 4, 0), ("480x360", 3, 4),
                                          ("640x480", 3, 8), ("800x600", 2, 12), ("1024x768", 2, 16),
                                          ("1280x960", 2, 20)]):
        cmds.append(FF + lavfi(f"testsrc2=size={size}:rate=1,noise=alls={noise}:allf=u:all_seed={i + 7}")
                    + ["-frames:v", "1", "-q:v", str(q), str(p / f"jpg-ff{size}.jpg")])
    cmds.append([CONVERT, "-seed", "3", "-size", "400x300", "plasma:fractal", "-quality", "85",
                 str(p / "jpg-plasma400.jpg")])
    cmds.append([CONVERT, "-seed", "4", "-size", "900x700", "plasma:fractal", "-quality", "92",
                 str(p / "jpg-plasma900.jpg")])
    # PNG: noise (incompressible), test patterns, Mandelbrot
    cmds.append([CONVERT, "-seed", "5", "-size", "40x30", "xc:", "+noise", "Random", *NO_DATE, str(p / "png-noise40.png")])
    cmds.append(FF + lavfi("testsrc2=size=320x240:rate=1") + ["-frames:v", "1", str(p / "png-ff320.png")])
    cmds.append(FF + lavfi("testsrc2=size=640x480:rate=1") + ["-frames:v", "1", str(p / "png-ff640.png")])
    cmds.append(FF + lavfi("mandelbrot=size=480x360:rate=1") + ["-frames:v", "1", str(p / "png-mandel480.png")])
    cmds.append([CONVERT, "-seed", "6", "-size", "200x150", "xc:", "+noise", "Random", *NO_DATE, str(p / "png-noise200.png")])
    cmds.append([CONVERT, "-seed", "7", "-size", "240x180", "xc:", "+noise", "Random", "-depth", "8", *NO_DATE,
                 str(p / "png-noise240.png")])
    cmds.append([CONVERT, "-seed", "8", "-size", "320x240", "xc:", "+noise", "Random", *NO_DATE, str(p / "png-noise320.png")])
    # GIF: ffmpeg animated (gif encoder), ImageMagick noise (one still, one animated)
    cmds.append(FF + lavfi("testsrc=size=96x72:rate=5:duration=2") + [str(p / "gif-ff96.gif")])
    cmds.append(FF + lavfi("testsrc2=size=160x120:rate=10:duration=2") + [str(p / "gif-ff160.gif")])
    cmds.append(FF + lavfi("testsrc2=size=320x240:rate=10:duration=3") + [str(p / "gif-ff320.gif")])
    cmds.append(FF + lavfi("mandelbrot=size=160x120:rate=8") + ["-t", "2", str(p / "gif-mandel160.gif")])
    cmds.append([CONVERT, "-seed", "9", "-size", "120x90", "xc:", "+noise", "Random", "-colors", "64",
                 str(p / "gif-noise120.gif")])
    cmds.append([CONVERT, "-seed", "10", "-delay", "20", "-size", "200x150", "xc:", "+noise", "Random",
                 "xc:", "+noise", "Random", "xc:", "+noise", "Random", "-colors", "128", "-loop", "0",
                 str(p / "gif-noiseanim200.gif")])
    # MP3: lame from sox tones (no ID3, ID3 title, ~140 KB ID3 cover picture) and ffmpeg libmp3lame (ID3v2.4)
    cmds.append(["sox", "-R", "-n", "-r", "22050", "-c", "1", str(tmp / "t1.wav"), "synth", "1.3", "sine", "440"])
    cmds.append(["lame", "--quiet", "-b", "32", str(tmp / "t1.wav"), str(p / "mp3-lame1s.mp3")])
    cmds.append(["sox", "-R", "-n", "-r", "22050", "-c", "1", str(tmp / "t2.wav"), "synth", "4", "sine", "330", "sine", "550"])
    cmds.append(["lame", "--quiet", "-b", "32", "--tt", "促销提示音", "--add-id3v2", str(tmp / "t2.wav"),
                 str(p / "mp3-lame4s-id3.mp3")])
    cmds.append(["lame", "--quiet", "-b", "32", "--ti", str(p / "jpg-ff800x600.jpg"), "--tt", "cover",
                 str(tmp / "t2.wav"), str(p / "mp3-lame4s-cover.mp3")])
    cmds.append(FF + lavfi("sine=frequency=300:beep_factor=4:duration=10") + ["-c:a", "libmp3lame", "-b:a", "32k",
                                                                             str(p / "mp3-ff10s.mp3")])
    cmds.append(FF + lavfi("sine=frequency=500:duration=20") + ["-c:a", "libmp3lame", "-b:a", "32k",
                                                              str(p / "mp3-ff20s.mp3")])
    cmds.append(FF + lavfi("anoisesrc=d=20:c=pink:seed=3") + ["-c:a", "libmp3lame", "-b:a", "64k",
                                                             str(p / "mp3-ffnoise20s.mp3")])
    cmds.append(["sox", "-R", "-n", "-r", "44100", "-c", "2", str(tmp / "t6.wav"), "synth", "30", "pinknoise"])
    cmds.append(["lame", "--quiet", "-b", "80", str(tmp / "t6.wav"), str(p / "mp3-lame30s.mp3")])
    cmds.append(FF + lavfi("anoisesrc=d=60:c=white:seed=4") + ["-c:a", "libmp3lame", "-b:a", "64k",
                                                              str(p / "mp3-ffnoise60s.mp3")])
    # MP4: H.264 + AAC at several sizes, faststart (moov first) or not; one video-only
    for size, dur, crf, fast in [("96x72", 2, 35, False), ("160x120", 3, 30, True), ("240x180", 4, 28, False),
                                 ("320x240", 5, 26, True), ("480x360", 6, 26, False), ("640x360", 8, 24, True)]:
        cmds.append(FF + lavfi(f"testsrc2=size={size}:rate=15:duration={dur}")
                    + lavfi(f"sine=frequency=440:duration={dur}")
                    + X264 + ["-crf", str(crf), "-pix_fmt", "yuv420p",
                       "-c:a", "aac", "-b:a", "32k"] + (["-movflags", "+faststart"] if fast else [])
                    + [str(p / f"mp4-{size}{'-faststart' if fast else ''}.mp4")])
    cmds.append(FF + lavfi("testsrc2=size=320x240:rate=15:duration=6,noise=alls=10:allf=t")
                + X264 + ["-crf", "28", "-pix_fmt", "yuv420p", "-an",
                   str(p / "mp4-noise320-noaudio.mp4")])
    # for invalid files only: webp and m4a (AAC in an M4A-branded MP4)
    cmds.append([CONVERT, str(p / "jpg-plasma400.jpg"), "-quality", "80", str(p / "webp-plasma400.webp")])
    cmds.append([CONVERT, str(p / "jpg-ff800x600.jpg"), "-quality", "75", str(p / "webp-ff800.webp")])
    cmds.append(FF + lavfi("sine=frequency=440:duration=8") + ["-c:a", "aac", "-b:a", "32k", str(p / "m4a-sine8s.m4a")])
    return cmds


def make_pool(pool: Path) -> None:
    if (pool / POOL_MARKER).exists():
        return
    print(f"making the media pool in {pool} (once)", file=sys.stderr)
    shutil.rmtree(pool, ignore_errors=True)
    tmp = pool / "tmp"
    tmp.mkdir(parents=True)
    for cmd in pool_commands(pool, tmp):
        subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL)
    shutil.rmtree(tmp)
    (pool / POOL_MARKER).touch()


class Media:
    def __init__(self, path: Path):
        self.name = path.name
        self.kind = path.suffix[1:]               # jpg png gif mp3 mp4 webp m4a
        self.data = path.read_bytes()
        self.b64 = base64.b64encode(self.data).decode("ascii")
        self.con = {"jpg": "image", "png": "image", "gif": "image", "webp": "image",
                    "mp3": "audio", "m4a": "audio", "mp4": "video"}[self.kind]


def load_pool(pool: Path) -> dict[str, list[Media]]:
    by_kind: dict[str, list[Media]] = {}
    for path in sorted(pool.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            m = Media(path)
            by_kind.setdefault(m.kind, []).append(m)
    for kind in ("jpg", "png", "gif", "mp3", "mp4", "webp", "m4a"):
        if not by_kind.get(kind):
            sys.exit(f"media pool {pool} has no {kind} file (delete it to regenerate)")
    return by_kind


# ------------------------------------------------------------------------------------------------ text
SHOPS = ["星河咖啡", "云岭茶舍", "青禾烘焙", "海湾书店", "晨光健身", "悦享影城", "南山花坊", "北辰电器",
         "锦程旅行", "橙子优选", "禾田生鲜", "拾光眼镜", "繁星童装", "松果家居", "远山户外", "蓝鲸数码"]
EVENTS = ["周年庆", "会员日", "新品上市", "限时特惠", "春季焕新", "中秋礼遇", "双十一预售", "年终答谢",
          "开业大吉", "夏日清凉季", "周末狂欢", "积分兑换"]
SENTENCES = [
    "尊敬的会员，感谢您一直以来的支持与厚爱。",
    "本周六至周日全场商品八折，会员再享双倍积分。",
    "凭本短信到店消费满两百元即可领取精美礼品一份，数量有限，先到先得。",
    "新品已经到店，欢迎您抽空前来品鉴。",
    "活动期间每日前五十名到店顾客可获赠限量纪念杯。",
    "会员积分可在门店前台直接抵扣现金，一百积分抵一元。",
    "本次活动最终解释权归本店所有，具体以门店公示为准。",
    "营业时间为每日上午九点至晚上十点，节假日照常营业。",
    "如需预约，请致电门店前台或到店咨询工作人员。",
    "祝您生活愉快，阖家幸福，万事如意！",
    "扫描门店海报上的二维码即可参与幸运抽奖。",
    "本月生日的会员到店出示证件可享专属生日礼遇。",
    "线上商城同步开启，全场包邮，七天无理由退换。",
    "老顾客推荐新朋友注册会员，双方各得五十元代金券。",
    "图片仅供参考，请以实物为准。",
]
OPT_OUT = ["回T退订", "拒收请回复R"]
PURPOSES = ["会员营销通知：向已注册会员推送{e}活动信息", "门店促销：{e}期间向老顾客发送优惠信息",
            "新品推广：向订阅用户介绍{e}新品", "客户关怀：{e}节日问候及优惠券发放"]
# common mainland mobile prefixes (China Mobile, Unicom, Telecom)
PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152",
            "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181",
            "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199"]


class Gen:
    def __init__(self, rng: random.Random, pool: dict[str, list[Media]]):
        self.rng = rng
        self.pool = pool
        self.valid_media = sorted((m for k in ("jpg", "png", "gif", "mp3", "mp4") for m in pool[k]),
                                  key=lambda m: len(m.b64))
        self.sizes = [len(m.b64) for m in self.valid_media]

    # --- text pieces
    def shop(self) -> str:
        return self.rng.choice(SHOPS)

    def title(self, shop: str) -> str:
        return f"{shop}{self.rng.choice(EVENTS)}第{self.rng.randint(1, 99)}期"   # <= 40 chars

    def body(self, n: int, opt_out: bool) -> str:
        lines = self.rng.sample(SENTENCES, n)
        if opt_out:
            lines.append(self.rng.choice(OPT_OUT))
        return "\n".join(lines) if self.rng.random() < 0.5 else "".join(lines)

    def phone(self) -> str:
        return self.rng.choice(PREFIXES) + "".join(self.rng.choices("0123456789", k=8))

    def dressed(self, number: str) -> str:
        """The same number as a person might type it (all still valid after normalisation)."""
        r = self.rng.random()
        if r < 0.85:
            return number
        if r < 0.90:
            return "+86" + number
        if r < 0.93:
            return "+86 " + number[:3] + " " + number[3:7] + " " + number[7:]
        if r < 0.96:
            return "0086-" + number
        return number[:3] + "-" + number[3:7] + "-" + number[7:]

    def phones(self, n: int) -> list[str]:
        seen: set[str] = set()
        out = []
        while len(out) < n:
            p = self.phone()
            if p not in seen:
                seen.add(p)
                out.append(self.dressed(p))
        return out

    def send_time(self) -> str:
        return (f"{self.rng.randint(2030, 2035)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d} "
                f"{self.rng.randint(8, 21):02d}:{self.rng.choice([0, 15, 30, 45]):02d}:00")

    # --- content
    def item(self, m: Media, ext: str | None = None, con: str | None = None) -> dict:
        ext = ext or (("jpeg" if self.rng.random() < 0.2 else "jpg") if m.kind == "jpg" else m.kind)
        return {"con_type": con or m.con, "ext_type": ext, "data": m.b64}

    def fitting(self, kinds: list[str], max_b64: int) -> Media:
        """A random pool file of one of `kinds` whose base64 is at most max_b64 characters (else the smallest),
        so that replacing or adding media keeps the file near its target size."""
        kind = self.rng.choice(kinds)
        cands = [m for m in self.pool[kind] if len(m.b64) <= max_b64]
        return self.rng.choice(cands) if cands else min(self.pool[kind], key=lambda m: len(m.b64))

    def text_item(self, text: str) -> dict:
        return {"con_type": "text", "ext_type": "txt", "data": text}

    def pick_media(self, budget: int, max_count: int, allow_video: bool = True) -> list[Media]:
        """Real media whose base64 adds up to about `budget` characters; at most one mp4."""
        picked: list[Media] = []
        have_video = not allow_video
        left = budget
        while len(picked) < max_count:
            hi = bisect.bisect_right(self.sizes, left)
            cands = [m for m in self.valid_media[:hi] if not (have_video and m.kind == "mp4")]
            if not cands:
                break
            m = self.rng.choice(cands[-4:]) if self.rng.random() < 0.6 else self.rng.choice(cands)
            picked.append(m)
            have_video |= m.kind == "mp4"
            left -= len(m.b64)
        if not picked:   # budget below the smallest file: take the smallest image
            picked.append(self.valid_media[0] if self.valid_media[0].kind != "mp4" else self.pool["jpg"][0])
        self.rng.shuffle(picked)
        return picked

    def frames(self, media: list[Media], opt_out: bool = True, texts: bool = True) -> list[list[dict]]:
        """One media item per frame; text in the first and last frame and some others; the opt-out line
        ends the last text."""
        frames = []
        n = len(media)
        for i, m in enumerate(media):
            frame = [self.item(m)]
            if texts and (i == 0 or i == n - 1 or self.rng.random() < 0.3):
                t = self.text_item(self.body(self.rng.randint(1, 3), opt_out=False))
                frame.insert(self.rng.randint(0, 1), t)
            frames.append(frame)
        if texts:
            last_text = next(it for it in reversed(frames[-1]) if it["con_type"] == "text")
            if opt_out:
                last_text["data"] += ("\n" if self.rng.random() < 0.5 else "") + self.rng.choice(OPT_OUT)
            if len(frames) < 9 and self.rng.random() < 0.15:   # a closing text-only frame
                frames.append([self.text_item(self.body(2, opt_out=False))])
        return frames


# ------------------------------------------------------------------------------------------------ documents
SHAPES = [("template", 0.36), ("batch-content", 0.30), ("batch-template", 0.10), ("bare", 0.24)]
WARNINGS = ["no-opt-out", "url-in-text", "brackets-in-text", "text-only", "media-only", "two-videos",
            "duplicate-phones", "unknown-field"]
DEFECTS = ["png-as-jpg", "truncated-media", "two-media-in-frame", "bad-base64", "missing-sign-name",
           "bad-phones", "json-syntax", "webp", "m4a-as-mp3-or-mp4", "con-ext-mismatch", "too-many-frames",
           "title-too-long", "bad-sign-name", "missing-purpose", "bad-send-time", "empty-text",
           "wrong-type"]
# which document shapes each defect can be applied to
DEFECT_SHAPES = {"missing-sign-name": ["template", "batch-content"], "bad-phones": ["batch-content", "batch-template"],
                 "title-too-long": ["template", "batch-content"], "bad-sign-name": ["template", "batch-content"],
                 "missing-purpose": ["template"], "bad-send-time": ["batch-content", "batch-template"],
                 "wrong-type": ["template", "batch-content", "batch-template"],
                 "json-syntax": ["template", "batch-content", "bare"], "duplicate-phones": ["batch-content", "batch-template"],
                 "text-only": ["batch-content"]}
MEDIA_DEFECTS = {"png-as-jpg", "truncated-media", "two-media-in-frame", "bad-base64", "webp",
                 "m4a-as-mp3-or-mp4", "con-ext-mismatch", "too-many-frames", "empty-text"}
TRAILERS = {"jpg": b"\xff\xd9", "png": b"IEND\xaeB`\x82", "gif": b";"}


def log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def weighted(rng: random.Random, pairs: list[tuple[str, float]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def truncated(rng: random.Random, m: Media) -> bytes:
    """The first 30-90 % of a jpg/png/gif/mp4 file, never ending in the format's trailer."""
    data = m.data
    cut = int(len(data) * rng.uniform(0.3, 0.9))
    trailer = TRAILERS.get(m.kind)
    while trailer and data[:cut].endswith(trailer):
        cut -= 1
    return data[:cut]


def break_base64(rng: random.Random, b64: str) -> tuple[str, str]:
    variant = rng.choice(["bad-char", "url-alphabet", "line-breaks", "no-padding", "space"])
    if variant == "no-padding" and not b64.endswith("="):
        variant = "bad-char"
    if variant == "url-alphabet" and "+" not in b64 and "/" not in b64:
        variant = "bad-char"
    pos = rng.randint(len(b64) // 4, 3 * len(b64) // 4)
    if variant == "bad-char":
        return b64[:pos] + rng.choice("!*#$%") + b64[pos + 1:], variant
    if variant == "url-alphabet":
        return b64.replace("+", "-").replace("/", "_"), variant
    if variant == "line-breaks":
        return "\n".join(b64[i:i + 76] for i in range(0, len(b64), 76)), variant
    if variant == "no-padding":
        return b64.rstrip("="), variant
    return b64[:pos] + " " + b64[pos:], variant


def break_json(rng: random.Random, text: str) -> tuple[str, str]:
    variant = rng.choice(["trailing-comma", "truncated", "single-quotes", "raw-newline-in-string",
                          "missing-comma", "unquoted-key", "comment"])
    if variant == "trailing-comma":
        i = text.rindex("]")
        return text[:i] + "," + text[i:], variant
    if variant == "truncated":
        return text[:int(len(text) * rng.uniform(0.5, 0.99))], variant
    if variant == "single-quotes":
        i = text.rindex('"con_type"')
        return text[:i] + "'con_type'" + text[i + 10:], variant
    if variant == "raw-newline-in-string":
        i = text.rindex('"data"')
        j = text.index('"', text.index(":", i) + 1) + 1      # first character of the value
        return text[:j] + "第一行\n第二行" + text[j:], variant
    if variant == "missing-comma":
        i = text.rindex('"ext_type"')
        k = text.rindex(",", 0, i)
        return text[:k] + text[k + 1:], variant
    if variant == "unquoted-key":
        i = text.index('"data"')
        return text[:i] + "data" + text[i + 6:], variant
    # comment: a // line before the last closing bracket
    i = text.rindex("]") if text.rstrip().endswith("]") else text.rindex("}")
    return text[:i] + "// 备注：请勿修改\n" + text[i:], variant


def make_doc(g: Gen, shape: str, defect: str, target: int) -> tuple[object, str]:
    """Returns (document, defect detail). `target` is the wanted file size in bytes (approximate)."""
    rng = g.rng
    detail = defect
    shop = g.shop()
    body: dict = {}
    n_phones = 0
    if shape == "batch-content":
        n_phones = rng.randint(700, 2000) if defect == "text-only" else int(log_uniform(rng, 10, 2000))
    elif shape == "batch-template":
        n_phones = rng.randint(700, 2000)
    overhead = 600 + 18 * n_phones
    budget = max(0, target - overhead)

    # ---- content
    content = None
    if shape != "batch-template":
        max_media = 8
        if defect == "too-many-frames":
            media = [rng.choice(g.valid_media[:8]) for _ in range(rng.randint(10, 12))]
            media = [m if m.kind != "mp4" else g.pool["jpg"][0] for m in media]
            content = g.frames(media)
        elif defect == "two-videos":
            vids = rng.sample(g.pool["mp4"], 2)
            rest = g.pick_media(budget - sum(len(v.b64) for v in vids), 4, allow_video=False)
            media = vids + rest
            rng.shuffle(media)
            content = g.frames(media)
        elif defect == "text-only":
            n = rng.randint(1, 4)
            content = [[g.text_item(g.body(rng.randint(2, 5), opt_out=(i == n - 1)))] for i in range(n)]
        else:
            media = g.pick_media(budget, max_media)
            content = g.frames(media, opt_out=defect != "no-opt-out", texts=defect != "media-only")
        # ---- heuristic-only problems
        texts = [it for fr in content for it in fr if it["con_type"] == "text"]
        if defect == "url-in-text":
            texts[0]["data"] += rng.choice(["详情请访问 https://m.example.cn/promo", "活动页面 www.example.com",
                                            "点击 http://t.example.cn/a8K2x 领取"])
        elif defect == "brackets-in-text":
            texts[0]["data"] = f"【{shop}】" + texts[0]["data"]
        # ---- media defects (content-level errors)
        frames_with_media = [fr for fr in content if any(it["con_type"] != "text" for it in fr)]
        def media_item(fr):
            return next(it for it in fr if it["con_type"] != "text")
        if defect in MEDIA_DEFECTS and defect not in ("too-many-frames", "empty-text") and not frames_with_media:
            content[0].append(g.item(g.pool["jpg"][0]))
            frames_with_media = [content[0]]
        if defect == "png-as-jpg":
            it = media_item(rng.choice(frames_with_media))
            it.update(con_type="image", ext_type=rng.choice(["jpg", "jpeg"]), data=g.fitting(["png"], len(it["data"])).b64)
        elif defect == "truncated-media":
            it = media_item(rng.choice(frames_with_media))
            m = g.fitting(["jpg", "png", "gif", "mp4"], len(it["data"]) * 3 // 2)
            cut = truncated(rng, m)
            it.update(g.item(m), data=base64.b64encode(cut).decode("ascii"))
            detail = f"truncated-{m.kind}-{len(cut)}of{len(m.data)}"
        elif defect == "two-media-in-frame":
            fr = rng.choice(frames_with_media)
            extra = g.fitting(["jpg", "png", "gif", "mp3"], 60 * KB)
            fr.insert(rng.randint(0, len(fr)), g.item(extra))
        elif defect == "bad-base64":
            it = media_item(rng.choice(frames_with_media))
            it["data"], v = break_base64(rng, it["data"])
            detail = f"bad-base64-{v}"
        elif defect == "webp":
            it = media_item(rng.choice(frames_with_media))
            w = rng.choice(g.pool["webp"])
            ext = rng.choice(["png", "jpg", "webp"])
            it.update(con_type="image", ext_type=ext, data=w.b64)
            detail = f"webp-declared-{ext}"
        elif defect == "m4a-as-mp3-or-mp4":
            it = media_item(rng.choice(frames_with_media))
            con, ext = rng.choice([("audio", "mp3"), ("video", "mp4")])
            if ext == "mp4":   # keep at most one video in the message
                for fr in content:
                    for other in fr:
                        if other["con_type"] == "video" and other is not it:
                            other.update(g.item(g.pool["jpg"][1]))
            it.update(con_type=con, ext_type=ext, data=g.pool["m4a"][0].b64)
            detail = f"m4a-declared-{ext}"
        elif defect == "con-ext-mismatch":
            fr = rng.choice(content)
            it = rng.choice(fr)
            bad = {"text": ("text", "jpg"), "image": ("image", "mp3"), "audio": ("audio", "mp4"),
                   "video": ("video", "gif")}[it["con_type"]]
            if it["con_type"] == "text" and rng.random() < 0.5:
                bad = ("image", "txt")
            it["con_type"], it["ext_type"] = bad
            detail = f"con-ext-{bad[0]}-{bad[1]}"
        elif defect == "empty-text":
            texts = [it for fr in content for it in fr if it["con_type"] == "text"]
            texts_wo_optout = [t for t in texts if not any(o in t["data"] for o in OPT_OUT)]
            if texts_wo_optout:
                rng.choice(texts_wo_optout)["data"] = rng.choice(["", "   ", "\n"])
            else:
                content.insert(0, [g.text_item("")])
                if len(content) > 9:
                    content.pop()

    # ---- envelope
    if shape == "bare":
        doc: object = content
    elif shape == "template":
        event = rng.choice(EVENTS)
        body = {"title": g.title(shop), "sign_name": f"【{shop}】",
                "purpose": rng.choice(PURPOSES).format(e=event), "content": content}
    else:
        body = {"product_id": rng.choice([1001, 1018, 1020, 1033])}
        phones = g.phones(n_phones)
        if defect == "duplicate-phones":
            for _ in range(rng.randint(1, 20)):
                phones.insert(rng.randint(0, len(phones)), rng.choice(phones))
        body["phone"] = phones
        if shape == "batch-content":
            body.update(sign_name=f"【{shop}】", title=g.title(shop), content=content)
        else:
            body["template_id"] = rng.randint(100000, 999999)
        if rng.random() < 0.4 or defect == "bad-send-time":
            body["send_time"] = g.send_time()
        keys = list(body)
        if rng.random() < 0.3:   # key order must not matter
            rng.shuffle(keys)
            body = {k: body[k] for k in keys}
    if shape != "bare":
        doc = body
        if defect == "missing-sign-name":
            del body["sign_name"]
        elif defect == "missing-purpose":
            if rng.random() < 0.5:
                del body["purpose"]
            else:
                body["purpose"] = ""
                detail = "empty-purpose"
        elif defect == "title-too-long":
            body["title"] = (g.title(shop) + "，" + "".join(rng.sample(SENTENCES, 3)))[:rng.randint(41, 60)]
        elif defect == "bad-sign-name":
            v = rng.choice([shop, f"[{shop}]", f"【{shop}", f"{shop}】", "【】"])
            body["sign_name"] = v
            detail = f"bad-sign-name:{v}"
        elif defect == "bad-send-time":
            v = rng.choice(["2020-08-26 16:08:14", "2024-01-01 09:00:00", "2031/05/01 10:00:00",
                            "2031-13-01 10:00:00", "2031-05-01T10:00:00", "2031-05-01 10:00"])
            body["send_time"] = v
            detail = f"bad-send-time:{v}"
        elif defect == "bad-phones":
            phones = body["phone"]
            v = rng.choice(["numbers", "numbers", "numbers", "empty-list" if shape == "batch-content" else "numbers",
                            "over-10000"])
            if v == "numbers":
                for _ in range(rng.randint(1, 5)):
                    bad = rng.choice(["1381234567", "12812345678", "1381234567a", "010-62345678",
                                      "+1 415 555 0100", "", "138123456789", "２３８１２３４５６７８"])
                    phones.insert(rng.randint(0, len(phones)), bad)
            elif v == "empty-list":
                phones.clear()
            else:
                phones.extend(g.phones(10001 - len(phones)))
            detail = f"bad-phones-{v}"
        elif defect == "unknown-field":
            body[rng.choice(["sender", "remark", "signName", "callback_url"])] = "x"
        elif defect == "wrong-type":
            v = rng.choice([k for k in ("product_id", "phone", "title", "template_id") if k in body] or ["title"])
            if v == "product_id":
                body[v] = str(body[v])
            elif v == "phone":
                body[v] = ",".join(body[v])
            elif v == "title":
                body[v] = 12345
            else:
                body[v] = str(body[v])
            detail = f"wrong-type-{v}"
    if defect == "unknown-field" and shape == "bare":
        content[0][0]["name"] = "picture"
        detail = "unknown-field-in-item"
    return doc, detail


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--pool", type=Path, required=True)
    ap.add_argument("--manifest", type=Path, required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20250611)
    args = ap.parse_args()
    if args.manifest.resolve().parent == args.out_dir.resolve():
        sys.exit("the manifest must not be inside OUT_DIR (the linter would lint it)")

    make_pool(args.pool)
    pool = load_pool(args.pool)
    rng = random.Random(args.seed)
    g = Gen(rng, pool)

    n = args.count
    n_invalid = round(n * 0.30)
    n_warn = round(n * 0.06)
    plan = (["invalid"] * n_invalid + ["warn"] * n_warn + ["valid"] * (n - n_invalid - n_warn))
    rng.shuffle(plan)
    defects = [DEFECTS[i % len(DEFECTS)] for i in range(n_invalid)]
    warns = [WARNINGS[i % len(WARNINGS)] for i in range(n_warn)]
    rng.shuffle(defects)
    rng.shuffle(warns)

    shutil.rmtree(args.out_dir, ignore_errors=True)
    args.out_dir.mkdir(parents=True)
    rows = []
    for i, status in enumerate(plan):
        defect = "-"
        if status == "invalid":
            defect = defects.pop()
        elif status == "warn":
            defect = warns.pop()
        allowed = DEFECT_SHAPES.get(defect)
        if allowed is None and (defect in MEDIA_DEFECTS or defect in ("no-opt-out", "url-in-text", "brackets-in-text",
                                                                      "media-only", "two-videos")):
            allowed = ["template", "batch-content", "bare"]
        shape = weighted(rng, [s for s in SHAPES if allowed is None or s[0] in allowed])
        target = int(log_uniform(rng, 10 * KB, 1000 * KB))
        pretty = rng.random() < 0.4
        ascii_escapes = rng.random() < 0.1
        for attempt in range(10):   # the size lands near the target; retry the few that leave 10 KB-1 MB
            doc, detail = make_doc(g, shape, defect, target)
            if pretty:
                text = json.dumps(doc, ensure_ascii=ascii_escapes, indent=2)
            else:
                text = json.dumps(doc, ensure_ascii=ascii_escapes, separators=(",", ":"))
            if defect == "json-syntax":
                text, v = break_json(rng, text)
                detail = f"json-syntax-{v}"
            data = (text + ("\n" if pretty else "")).encode("utf-8")
            if len(data) < MIN_BYTES:
                target = int(target * 1.5)
            elif len(data) > MAX_BYTES:
                target = int(target * 0.7)
            else:
                break
        name = f"{i:04d}.json"
        (args.out_dir / name).write_bytes(data)
        layout = ("pretty" if pretty else "compact") + ("+ascii" if ascii_escapes else "")
        rows.append((name, len(data), status, shape, detail, layout))

    args.manifest.parent.mkdir(parents=True, exist_ok=True)
    with open(args.manifest, "w", encoding="utf-8") as f:
        f.write("name\tbytes\tstatus\tshape\tdefect\tlayout\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")

    # ---- statistics
    sizes = sorted(r[1] for r in rows)
    total = sum(sizes)
    def pct(p):
        return sizes[min(len(sizes) - 1, int(p / 100 * len(sizes)))]
    from collections import Counter
    st = Counter(r[2] for r in rows)
    sh = Counter(r[3] for r in rows)
    lay = Counter(r[5].split("+")[0] for r in rows)
    buckets = [(0, 10 * KB), (10 * KB, 30 * KB), (30 * KB, 100 * KB), (100 * KB, 300 * KB), (300 * KB, 1000 * KB),
               (1000 * KB, 10 ** 9)]
    print(f"corpus: {len(rows)} files, {total} bytes ({total / 2**20:.1f} MiB) in {args.out_dir}", file=sys.stderr)
    print(f"  status: valid {st['valid']}, warnings-only {st['warn']}, invalid {st['invalid']}", file=sys.stderr)
    print(f"  shapes: {dict(sorted(sh.items()))}; layout: {dict(sorted(lay.items()))}", file=sys.stderr)
    print(f"  size: min {sizes[0]}, p10 {pct(10)}, median {pct(50)}, p90 {pct(90)}, max {sizes[-1]}, "
          f"mean {total // len(sizes)}", file=sys.stderr)
    print("  size buckets (KB): " + ", ".join(
        f"{lo // KB}-{hi // KB if hi < 10 ** 9 else 'inf'}: {sum(lo <= s < hi for s in sizes)}" for lo, hi in buckets),
        file=sys.stderr)
    print("  pool: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(pool.items())) + "; "
          f"{min(len(m.data) for v in pool.values() for m in v)}-{max(len(m.data) for v in pool.values() for m in v)} bytes",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
