/// The report's only style sheet, inlined into the page: a single column on a phone, two columns of charts on a
/// wide screen, one palette for bars, swatches and badges (delivered green, failed red, pending grey,
/// suppressed and opt-outs amber), the system's fonts, and print rules that keep colours and charts whole. No
/// fonts, images or other URLs, so nothing is fetched.
enum ReportStyle {
    static let css = """
        :root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--page:#f3f4f6;--card:#fff;\
        --read:#8a9bb4;--valid:#5b7aa6;--sent:#2f6db0;--delivered:#2e7d32;--failed:#c62828;--pending:#9aa3ad;\
        --suppressed:#d39200;--rejected:#7f1d1d;--unknown:#b3a6c8;--not-sent:#c8cfd6;--invalid:#b6bec8;\
        --duplicates:#dde2e8;--receipt:#c62828;--optout:#d39200}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:var(--page);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
        .report{max-width:1080px;margin:0 auto;padding:16px 10px 32px}
        h1{font-size:22px;line-height:1.25;margin:0 0 4px;overflow-wrap:anywhere}
        h2{font-size:19px;margin:28px 0 8px;overflow-wrap:anywhere}
        h3{font-size:16px;margin:18px 0 6px}
        .meta{margin:0 0 12px;color:var(--muted);font-size:13px;overflow-wrap:anywhere}
        .warning{margin:8px 0 12px;padding:8px 10px;border-left:4px solid var(--suppressed);background:#fff6e0;border-radius:4px;font-size:14px}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:12px 0 0;padding:0}
        .card{background:var(--card);border:1px solid var(--line);border-top:4px solid var(--sent);border-radius:8px;padding:8px 12px;margin:0}
        .card dt{font-size:13px;color:var(--muted)}
        .card dd{margin:0}
        .card .big{display:block;font-size:26px;font-weight:650;line-height:1.2;font-variant-numeric:tabular-nums}
        .card .small{display:block;font-size:12px;color:var(--muted)}
        .card.delivered{border-top-color:var(--delivered)}
        .card.failed{border-top-color:var(--failed)}
        .card.pending{border-top-color:var(--pending)}
        .card.replies{border-top-color:var(--valid)}
        .card.optouts{border-top-color:var(--optout)}
        .charts{display:grid;grid-template-columns:1fr;gap:12px;margin-top:12px}
        .chart-box{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:0;padding:10px 10px 12px;min-width:0}
        .chart-box figcaption{font-weight:650;margin:0 0 6px}
        svg.chart{display:block;width:100%;height:auto;overflow:visible}
        .chart text{font-size:13px;fill:var(--ink)}
        .chart .stage-name{font-size:14px;font-weight:650}
        .chart .stage-value,.chart .tick,.chart .band{font-variant-numeric:tabular-nums}
        .chart .tick,.chart .axis-title,.chart .loss-text{fill:var(--muted);font-size:12px}
        .chart .band.marked{font-weight:650}
        .chart .stat{font-size:14px;font-weight:650}
        .chart .code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
        .chart .axis{stroke:var(--muted);stroke-width:1}
        .chart .grid{stroke:var(--line);stroke-width:1;stroke-dasharray:3 3}
        .chart .empty-frame{fill:#fafbfc;stroke:var(--line);stroke-dasharray:6 4}
        .chart .empty-text{fill:var(--muted);font-size:14px}
        .chart .bar{stroke:#fff;stroke-width:.5}
        .read{fill:var(--read)}.valid{fill:var(--valid)}.sent{fill:var(--sent)}.delivered{fill:var(--delivered)}\
        .failed{fill:var(--failed)}.pending{fill:var(--pending)}.suppressed{fill:var(--suppressed)}\
        .rejected{fill:var(--rejected)}.unknown{fill:var(--unknown)}.not-sent{fill:var(--not-sent)}\
        .invalid{fill:var(--invalid)}.duplicates{fill:var(--duplicates)}.receipt{fill:var(--receipt)}
        .legend{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:2px 12px;font-size:12px;color:var(--muted)}
        .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
        .swatch.read{background:var(--read)}.swatch.valid{background:var(--valid)}.swatch.sent{background:var(--sent)}\
        .swatch.delivered{background:var(--delivered)}.swatch.failed{background:var(--failed)}\
        .swatch.pending{background:var(--pending)}.swatch.suppressed{background:var(--suppressed)}\
        .swatch.rejected{background:var(--rejected)}.swatch.unknown{background:var(--unknown)}\
        .swatch.not-sent{background:var(--not-sent)}.swatch.invalid{background:var(--invalid)}\
        .swatch.duplicates{background:var(--duplicates)}.swatch.receipt{background:var(--receipt)}
        .chart-note{margin:6px 0 0;font-size:13px;color:var(--muted)}
        details{margin-top:6px;font-size:13px}
        summary{cursor:pointer;color:var(--muted)}
        .table-wrap{overflow-x:auto;margin:8px 0 0;-webkit-overflow-scrolling:touch}
        table{border-collapse:collapse;font-size:13px;width:100%}
        th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{font-weight:650;color:var(--muted);white-space:nowrap;background:#f6f8fa}
        td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        td{overflow-wrap:break-word}
        .not-known{color:var(--muted);font-style:italic}
        tr.loss td:first-child{padding-left:22px;color:var(--muted)}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:break-word}
        .campaign{margin-top:24px;padding-top:4px;border-top:2px solid var(--line)}
        .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0;font-size:14px}
        .facts dt{color:var(--muted)}
        .facts dd{margin:0;overflow-wrap:anywhere}
        .chunks{min-width:760px}
        .chunks td:last-child{min-width:180px}
        .badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;white-space:nowrap;background:#eaeef2;color:var(--ink)}
        .badge.acknowledged{background:#e3f1e4;color:#1b5e20}
        .badge.failed{background:#fbe4e4;color:#8e1c1c}
        .badge.unknown{background:#fdf1d8;color:#7a5200}
        .badge.optout{background:#fdf1d8;color:#7a5200;font-weight:650}
        tr.optout td{background:#fffaf0}
        .reply{white-space:pre-wrap}
        .notes{margin:8px 0;padding-left:20px;font-size:14px}
        .notes li{margin:2px 0;overflow-wrap:anywhere}
        .empty-note{color:var(--muted);font-size:14px}
        @media (min-width:760px){.charts{grid-template-columns:1fr 1fr}\
        .chart text{font-size:11px}.chart .stage-name,.chart .stat{font-size:12px}\
        .chart .tick,.chart .axis-title,.chart .loss-text,.chart .code{font-size:10.5px}.chart .empty-text{font-size:12px}}
        footer{margin-top:32px;color:var(--muted);font-size:12px}
        @media print{
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        body{background:#fff;font-size:11pt}
        .report{max-width:none;padding:0}
        .charts{grid-template-columns:1fr 1fr}
        .cards{grid-template-columns:repeat(6,1fr)}
        .chart-box,.card,svg.chart,tr{break-inside:avoid;page-break-inside:avoid}
        .campaign{break-before:auto}
        h2,h3{break-after:avoid;page-break-after:avoid}
        .table-wrap{overflow:visible}
        .chunks{min-width:0}
        }
        """
}
