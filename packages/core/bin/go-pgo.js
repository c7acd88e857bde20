#!/usr/bin/env node
// Committed launcher so npm can link the bin before `tsc -b` has produced dist/.
'use strict';
require('../dist/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
