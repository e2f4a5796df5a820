// Loads the kernelspec's kernel.js as the classic notebook would (RequireJS define, then onload), with a
// stand-in CodeMirror that records the simple mode, then tokenizes lines with CodeMirror's simple-mode rule:
// at each position the first rule whose regex matches there wins ("sol" rules only at line start).
// Usage: node tokenize.js KERNEL_JS LINE...   Prints JSON: {mode, mime, lines: [[[text, token], ...], ...]}.
'use strict';
const fs = require('fs');

const recorded = {};
const FakeCodeMirror = {
  defineSimpleMode: (name, states) => { recorded.mode = name; recorded.states = states; },
  defineMIME: (mime, mode) => { recorded.mime = [mime, mode]; },
};
let exported;
const define = (deps, factory) => { exported = factory(FakeCodeMirror); };
new Function('define', fs.readFileSync(process.argv[2], 'utf8'))(define);
exported.onload();

function tokenize(line) {
  const tokens = [];
  let pos = 0;
  while (pos < line.length) {
    let matched = false;
    for (const rule of recorded.states.start) {
      if (rule.sol && pos !== 0) continue;
      const sticky = new RegExp(rule.regex.source, rule.regex.flags.replace('g', '') + 'y');
      sticky.lastIndex = pos;
      const m = sticky.exec(line);
      if (m && m[0].length > 0) {
        if (rule.token) tokens.push([m[0], rule.token]);
        pos += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) pos++; // CodeMirror skips one character that no rule matches
  }
  return tokens;
}

console.log(JSON.stringify({mode: recorded.mode, mime: recorded.mime, lines: process.argv.slice(3).map(tokenize)}));
