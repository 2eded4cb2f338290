package drp.cli.demo;

import java.nio.file.Path;

/**
 * What a finished demo gives back.
 *
 * @param summary what summary.json holds
 * @param tables  the tables to print (Markdown)
 * @param runDir  the run directory
 */
public record DemoResult(DemoSummary summary, String tables, Path runDir) {}
