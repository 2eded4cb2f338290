package drp.llm.bench;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.llm.chat.RetryPolicy;
import drp.llm.endpoint.ChatModelStack;
import drp.llm.endpoint.EndpointSpec;
import drp.llm.endpoint.KeySource;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Client overhead of drp: {@code in_flight} virtual threads call a local server that answers
 * instantly, for a warm-up and then a measured period; prints one JSON line.
 *
 * <p>usage: {@code ClientOverheadBench BASE_URL [adapter|stack] [in_flight=64] [seconds=10] [warmup=3]}:
 * {@code adapter} is the bare SDK adapter, {@code stack} the whole decorated model without cache
 * (retry, meter, balance, concurrency limit).
 */
public final class ClientOverheadBench {

    private ClientOverheadBench() {}

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        String variant = args.length > 1 ? args[1] : "adapter";
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        double warmup = args.length > 4 ? Double.parseDouble(args[4]) : 3;
        ChatRequest request = ChatRequest.ofUser("ok");
        try (ChatModel model = switch (variant) {
            case "adapter" -> new OpenAiChatModel(OpenAiEndpoint.of(baseUrl, "echo").withMaxConnections(inFlight));
            case "stack" -> ChatModelStack.of(EndpointSpec.of("bench", "echo", List.of(URI.create(baseUrl)),
                            new KeySource.None()).withMaxConcurrency(inFlight).withPrice(Price.FREE))
                    .meter(new UsageMeter()).retry(RetryPolicy.NONE).build();
            default -> throw new IllegalArgumentException("variant is adapter or stack, got " + variant);
        }) {
            run(model, request, inFlight, warmup);
            long cpuBefore = processCpuNanos();
            Result r = run(model, request, inFlight, seconds);
            double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3;
            System.out.printf(Locale.ROOT,
                    "{\"client\": \"drp %s (openai-java, JDK %s)\", \"in_flight\": %d, \"requests\": %d, \"failed\": %d,"
                            + " \"seconds\": %.3f, \"requests_per_second\": %.1f, \"cpu_us_per_request\": %.1f}%n",
                    variant, Runtime.version(), inFlight, r.done, r.failed, r.seconds, r.done / r.seconds,
                    cpuMicros / Math.max(1, r.done));
        }
    }

    /** CPU time of this process, all threads (the client's cost, whatever the machine's load). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private record Result(long done, long failed, double seconds) {}

    private static Result run(ChatModel model, ChatRequest request, int inFlight, double seconds) throws Exception {
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < inFlight; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            if (model.chat(request).text().isEmpty()) {
                                failed.increment();
                            }
                            done.increment();
                        } catch (RuntimeException e) {
                            failed.increment();
                        }
                    }
                });
            }
        }
        return new Result(done.sum(), failed.sum(), (System.nanoTime() - start) / 1e9);
    }
}
