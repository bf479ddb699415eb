/** The pages' only stylesheet, served as /static/staff.css (the Content-Security-Policy allows no inline style). */
export const staffCss = `
:root { color: #1b1b1b; background: #fff; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 80rem; padding: 0 1rem 2rem; }
a { color: #0b4ea2; }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; border-bottom: 2px solid #0b4ea2; }
header ul { display: flex; gap: 1.5rem; list-style: none; padding: 0; }
.brand { font-weight: bold; font-size: 1.25rem; }
[aria-current="page"] { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #767676; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8eef7; }
tr.needs td:first-child { border-left: 6px solid #b00020; }
.flag { color: #b00020; }
.sub { color: #4a4a4a; font-size: .9rem; }
.notice { border: 2px solid #1e6b2f; padding: .5rem; }
.error { border: 2px solid #b00020; padding: .5rem; }
fieldset { border: 1px solid #767676; margin: 0 0 1rem; }
legend { font-weight: bold; }
button { font: inherit; padding: .4rem 1rem; background: #0b4ea2; color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.history li { margin: .25rem 0; }
@media print {
  header nav, .skip, form, .noprint { display: none; }
  a { color: inherit; text-decoration: none; }
  tr { break-inside: avoid; }
  thead th { background: none; }
}
`;
