// Prints one plain closing line after Jest's own summary ("Tests: N passed, N failed, N skipped"),
// so CI logs end with a count any log reader understands.
'use strict';

class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stderr.write(
      `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}

module.exports = ClosingLineReporter;
