/// The preview's only style sheet, inlined into the document: a phone-width column, message bubbles, size
/// badges and the size bar. No fonts, images or other URLs, so nothing is fetched.
enum PreviewStyle {
    static let css = """
        *{box-sizing:border-box}
        body{margin:0;background:#e9ebee;color:#1c1e21;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
        .phone{max-width:390px;margin:16px auto;background:#fff;border:1px solid #c9ccd1;border-radius:24px;padding:16px 14px 24px;overflow:hidden}
        .summary h1{font-size:16px;margin:0 0 4px;overflow-wrap:anywhere}
        .summary .meta{margin:0 0 8px;color:#606770;font-size:13px;overflow-wrap:anywhere}
        .size{margin:8px 0 12px}
        .bar{height:10px;border-radius:5px;background:#dadde1;overflow:hidden}
        .fill{height:100%;background:#42b72a}
        .fill.near{background:#f5a623}
        .fill.over{background:#e02424}
        .size p{margin:4px 0 0;font-size:13px;color:#444950}
        .diagnostics{list-style:none;margin:8px 0;padding:0;font-size:13px}
        .diagnostic{margin:4px 0;padding:6px 8px;border-radius:6px;border-left:4px solid #8d949e;background:#f5f6f7;overflow-wrap:anywhere;white-space:pre-wrap}
        .diagnostic.error{border-color:#e02424;background:#fdecec}
        .diagnostic.warning{border-color:#f5a623;background:#fff6e5}
        .diagnostic .severity{font-weight:600;text-transform:uppercase;font-size:11px;margin-right:6px}
        .diagnostic .rule{font-family:ui-monospace,monospace;font-size:12px;color:#606770}
        .diagnostic .where{display:block;font-family:ui-monospace,monospace;font-size:11px;color:#606770}
        .message{margin-top:12px}
        .sign-name{margin:0 0 8px;font-weight:600;overflow-wrap:anywhere}
        .sign-name.missing{color:#e02424;font-weight:400;font-style:italic}
        .frame{position:relative;margin:0 0 14px;padding:30px 10px 10px;background:#f0f2f5;border-radius:16px}
        .frame-head{position:absolute;top:6px;left:10px;right:10px;display:flex;justify-content:space-between;font-size:12px;color:#606770}
        .badge{background:#1c1e21;color:#fff;border-radius:9px;padding:0 8px}
        .frame img,.frame video{display:block;width:100%;height:auto;border-radius:10px;margin:4px 0}
        .frame audio{display:block;width:100%;margin:4px 0}
        .text{margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
        .missing-media{margin:4px 0;padding:8px;border:1px dashed #e02424;border-radius:10px;color:#e02424;font-size:13px}
        """
}
