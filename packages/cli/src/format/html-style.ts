/** The page's only stylesheet, inlined: the report must open offline and print cleanly. */
export const HTML_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 90rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
.meta { color: #57606a; } .meta code { font-size: .85em; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; }
.risk { display: inline-block; padding: .4rem .8rem; border-radius: .3rem; font-weight: 600; color: #fff; }
.risk-low { background: #1a7f37; } .risk-medium { background: #9a6700; } .risk-high { background: #bc4c00; } .risk-critical { background: #a40e26; }
.status { font-weight: 600; } .status-fail { color: #a40e26; } .status-warn { color: #9a6700; } .status-pass { color: #1a7f37; }
.small { color: #57606a; font-style: italic; } .na { color: #57606a; font-size: .8em; }
table.groups td { white-space: nowrap; } table.groups td:first-child { white-space: normal; min-width: 9rem; max-width: 16rem; } table.groups { font-size: .85rem; } .ci { color: #57606a; font-size: .8em; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; font-size: .8rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table { break-inside: avoid; } pre { white-space: pre-wrap; } }
`;
