package drp.core.answer;

import java.io.OutputStream;
import java.io.PrintStream;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * {@link ComputerAlgebra} on Symja (matheclipse-core). Symja's rules load once per process, the
 * first time a worker thread needs them (lazily: a check that never reaches the symbolic step
 * never loads Symja). Each worker thread owns its own {@link EvalEngine}: an engine is not
 * thread-safe, and Symja finds the current one through a thread-local.
 *
 * <p>Global settings applied on load: JAS (Symja's polynomial library) computes on the calling
 * thread instead of its own pool, so that interrupting a worker really stops the work and no
 * stray non-daemon thread keeps the JVM alive; integers are capped at 65,536 bits, expressions at
 * 100,000 leaves and polynomials at degree 1,000, so that a runaway answer fails fast instead of
 * filling memory; the file system is off. Symja's evaluation loop polls the thread's interrupt
 * flag, so a timed-out query usually stops within milliseconds; code that does not poll (integer
 * factoring) finishes on a retired worker while a fresh one takes over.
 */
final class SymjaAlgebra implements ComputerAlgebra {

    private static final ThreadLocal<EvalEngine> ENGINE = new ThreadLocal<>();

    /** Loads Symja once, on first use. */
    private static final class Loaded {
        static {
            if (System.getProperty("log4j2.loggerContextFactory") == null) {
                // Symja logs through log4j-api; without a backend log4j prints a warning on stderr
                System.setProperty("log4j2.loggerContextFactory",
                        "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
            }
            Config.JAS_NO_THREADS = true;
            edu.jas.kern.ComputerThreads.setNoThreads();
            Config.FILESYSTEM_ENABLED = false;
            F.initSymbols();
            try {
                F.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Symja loaded its rules", e);
            }
            Config.MAX_BIT_LENGTH = 1 << 16;
            Config.MAX_AST_SIZE = 100_000;
            Config.MAX_POLYNOMIAL_DEGREE = 1_000;
        }

        static void ensure() {
            // class initialization above runs exactly once, thread-safely
        }
    }

    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    @Override
    public void prepareThread() {
        engine();
    }

    @Override
    public Reply evaluate(String query) {
        EvalEngine engine = engine();
        EvalEngine.set(engine);
        IExpr result = engine.evaluate(engine.parse(query));
        if (result.isTrue()) {
            return new Reply(Reply.Value.TRUE, "True");
        }
        if (result.isFalse()) {
            return new Reply(Reply.Value.FALSE, "False");
        }
        return new Reply(Reply.Value.OTHER, result.toString());
    }

    private static EvalEngine engine() {
        EvalEngine engine = ENGINE.get();
        if (engine == null) {
            Loaded.ensure();
            // relaxed syntax is the one that resolves built-in names; see InfixForm#variable
            engine = new EvalEngine(true);
            engine.setQuietMode(true);
            engine.setOutPrintStream(SILENT);
            engine.setErrorPrintStream(SILENT);
            EvalEngine.set(engine);
            ENGINE.set(engine);
        }
        return engine;
    }
}
