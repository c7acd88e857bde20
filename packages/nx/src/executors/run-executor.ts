// What every go-pgo executor does with failure: Nx gets { success: false } and the person one
// clear line, never a thrown error with a stack (unless the failure is a bug: then the stack
// comes with --verbose).
import { logger, type ExecutorContext } from '@nx/devkit';
import { GoPgoError } from '@go-pgo/core';

export interface ExecutorResult {
  success: boolean;
}

export async function runExecutor(context: ExecutorContext, work: () => Promise<void>): Promise<ExecutorResult> {
  try {
    await work();
    return { success: true };
  } catch (error) {
    if (isExpected(error)) {
      logger.error(oneLine(error.message));
    } else {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.error(`go-pgo internal error, please report it with the target's options: ${oneLine(text)}`);
      if (context.isVerbose && error instanceof Error && error.stack) logger.error(error.stack);
    }
    return { success: false };
  }
}

function isExpected(error: unknown): error is Error {
  return error instanceof GoPgoError;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
