// Verity highlighting for the classic Jupyter notebook (CodeMirror 5): keywords, numbers, strings,
// re"..." regexes, # comments and % magics. The notebook loads this file and calls onload().
define(['codemirror/lib/codemirror', 'codemirror/addon/mode/simple'], function (CodeMirror) {
  'use strict';

  var keywords = ['experiment', 'seed', 'task', 'model', 'reward', 'check', 'sampling', 'sft', 'rl', 'eval',
    'plot', 'table', 'save', 'load', 'on', 'with', 'every', 'to', 'from', 'if', 'then', 'else', 'by'];

  var mode = {
    start: [
      {regex: /%[a-z]+/, token: 'meta', sol: true},
      {regex: /#.*/, token: 'comment'},
      {regex: /re"(?:[^"\\]|\\.)*"/, token: 'string-2'},
      {regex: /"(?:[^"\\]|\\.)*"?/, token: 'string'},
      {regex: new RegExp('(?:' + keywords.join('|') + ')\\b'), token: 'keyword'},
      {regex: /[A-Za-z_][A-Za-z0-9_]*/, token: 'variable'},
      {regex: /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?/, token: 'number'},  // 2..6 is 2, .., 6
      {regex: /->|\.\.|==|!=|<=|>=|[-+*\/=<>:]/, token: 'operator'},
      {regex: /[{(\[]/, indent: true},
      {regex: /[})\]]/, dedent: true}
    ],
    meta: {lineComment: '#', electricInput: /^\s*[}\])]$/}
  };

  function onload() {
    CodeMirror.defineSimpleMode('verity', mode);
    CodeMirror.defineMIME('text/x-verity', 'verity');
  }

  return {onload: onload, mode: mode};
});
