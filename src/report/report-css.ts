// The report's style sheet: a readable column up to 1100 px wide; tables, code and figures wrap or shrink to it,
// so nothing scrolls sideways at 1280 px (nor at phone width).

/** The CSS of report.html. */
export const REPORT_CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.4}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{margin:1.4rem 0 .3rem}
h1,h2,h3,h4,p,li,figcaption{overflow-wrap:anywhere}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.92rem;max-width:100%}
th,td{border-bottom:1px solid #e4e4e4;padding:.25rem .6rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f5f5f5}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.methods{font-size:.85rem;table-layout:fixed;width:100%}.nw{white-space:nowrap}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.88em;overflow-wrap:anywhere}
.how{color:#555;margin:.2rem 0}.note{color:#7a4b00}.fail{color:#a00}.sub{color:#555;margin-top:0}
nav.toc{border:1px solid #e4e4e4;background:#fafafa;padding:.2rem 1rem .6rem;margin:1rem 0}
nav.toc h2{margin-top:.6rem;font-size:1.1rem;border:0}nav.toc ul{margin:.1rem 0;padding-left:1.2rem}
figure{display:inline-block;margin:.5rem 1rem 1rem 0;vertical-align:top;max-width:100%}figcaption{font-size:.85rem;color:#555}
.rdms{display:flex;flex-wrap:wrap;gap:.5rem}.rdms figure{margin:0;flex:1 1 300px;max-width:380px}
svg{max-width:100%;height:auto}
`;
