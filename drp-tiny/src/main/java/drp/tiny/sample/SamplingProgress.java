package drp.tiny.sample;

import java.time.Duration;

/** Reported after each finished sequence: how far a sampling call is. */
public record SamplingProgress(int done, int total, long generatedTokens, double tokensPerSecond, Duration elapsed,
                               Duration eta) {}
