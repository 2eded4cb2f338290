package drp.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.NonRetriableChatException;
import drp.llm.cache.CacheKey;
import drp.llm.cache.CallCache;
import drp.llm.cache.ChatCodec;
import drp.llm.chat.Sleeper;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.openai.OpenAiErrors;
import drp.llm.openai.OpenAiWire;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs requests through the OpenAI Batch API (half the price of live calls, answers within the
 * completion window): cuts them into input files within the API's limits, uploads them, creates a
 * batch per file, polls with progress, downloads output and error files, joins answers to items by
 * {@code custom_id}, resubmits only items that failed in a way that may pass (expired, server
 * error, rate limit), and cancels on request.
 *
 * <p>Every step is recorded in a state file before it takes effect, so drp can stop at any moment
 * and a new runner on the same file resumes: it uploads nothing twice, adopts a batch created just
 * before a stop, and collects batches that finished meanwhile. With a {@link CallCache}, answers
 * are stored under the same keys as live calls, so a rerun, batch or live, costs nothing.
 */
public final class OpenAiBatchRunner implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "expired", "cancelled");
    private static final int MAX_CONTROL_FAILURES = 10;

    private final ModelId id;
    private final OpenAIClient client;
    private final OpenAiWire wire;
    private final OpenAiErrors errors;
    private final BatchState state;
    private final BatchOptions options;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private CallCache cache;
    private UsageMeter meter;
    private Price price = Price.FREE;
    private Consumer<BatchProgress> progress = p -> {};
    private volatile boolean cancelRequested;
    private int controlFailures;

    /** A runner for {@code endpoint} keeping its state in {@code stateFile} (created if absent). */
    public OpenAiBatchRunner(OpenAiEndpoint endpoint, Path stateFile, BatchOptions options) {
        this.id = new ModelId("openai:" + endpoint.location(), endpoint.model());
        this.client = OpenAiChatModel.client(endpoint);
        this.wire = new OpenAiWire(endpoint);
        this.errors = new OpenAiErrors(id, endpoint.apiKey());
        this.state = BatchState.open(stateFile, id);
        this.options = options;
    }

    public OpenAiBatchRunner sleeper(Sleeper s) {
        this.sleeper = s;
        return this;
    }

    /** Answers found here are not submitted; answers received are stored here. */
    public OpenAiBatchRunner cache(CallCache callCache) {
        this.cache = callCache;
        return this;
    }

    /** Records usage at {@code batchPrice} (for OpenAI, half the live price: {@code price.times(0.5)}). */
    public OpenAiBatchRunner meter(UsageMeter usageMeter, Price batchPrice) {
        this.meter = usageMeter;
        this.price = batchPrice;
        return this;
    }

    public OpenAiBatchRunner progress(Consumer<BatchProgress> listener) {
        this.progress = listener;
        return this;
    }

    /** The identity answers are cached under: the same as live calls to the endpoint. */
    public ModelId id() {
        return id;
    }

    /**
     * Runs {@code items} to the end: every item answered or failed for good. Items already in the
     * state file (an earlier, stopped run) continue where they were; their requests must be the same.
     *
     * @return each item's result, in the order given
     * @throws NonRetriableChatException with {@link ChatFailure#CANCELLED} when interrupted; the
     *     state is kept and a later run resumes
     */
    public Map<String, BatchResult> run(List<BatchItem> items) {
        Map<String, BatchItem> byId = register(items);
        while (true) {
            if (cancelRequested) {
                cancelRunning();
            }
            try {
                uploadAndCreate(byId);
            } catch (ChatException e) {
                controlFailure(e);
            }
            List<BatchState.Shard> active = state.shards().stream().filter(BatchState.Shard::active).toList();
            boolean pending = !state.items("status = 'PENDING'").isEmpty();
            if (active.isEmpty() && (!pending || cancelRequested)) {
                break;
            }
            long serverCompleted = 0;
            boolean running = false;
            for (BatchState.Shard shard : active) {
                if (shard.batchId() == null) {
                    running = true;
                    continue;
                }
                Batch batch;
                try {
                    batch = call(() -> client.batches().retrieve(shard.batchId()));
                } catch (ChatException e) {
                    controlFailure(e);
                    running = true;
                    continue;
                }
                String status = batch._status().asKnown().flatMap(s -> s._value().asString()).orElse("unknown");
                state.setShardStatus(shard.id(), status);
                if (TERMINAL.contains(status)) {
                    collect(shard, batch, status, byId);
                } else {
                    running = true;
                    serverCompleted += batch.requestCounts().map(c -> c.completed()).orElse(0L);
                }
            }
            state.requeue(options.maxSubmissions());
            progress.accept(progress(byId, serverCompleted));
            if (running) {
                try {
                    sleeper.sleep(options.pollInterval());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NonRetriableChatException(ChatFailure.CANCELLED, id + ": batch job interrupted; its state is kept in the"
                            + " state file and a new run resumes it", 0, e);
                }
            }
        }
        for (BatchState.Item item : state.items("status = 'PENDING'")) {
            state.fail(item.customId(), "cancelled before it was submitted", false);
        }
        progress.accept(progress(byId, 0));
        return results(byId);
    }

    /**
     * Asks the provider to cancel the running batches; a running {@link #run} collects what they
     * answered before stopping and submits nothing more. Safe to call from another thread.
     */
    public void cancel() {
        cancelRequested = true;
    }

    private Map<String, BatchItem> register(List<BatchItem> items) {
        Map<String, BatchItem> byId = new LinkedHashMap<>();
        for (BatchItem item : items) {
            if (byId.put(item.customId(), item) != null) {
                throw new IllegalArgumentException("custom_id '" + item.customId() + "' appears twice in one batch job");
            }
            String path = OpenAiWire.path(item.request());
            ObjectNode line = JSON.createObjectNode();
            line.put("custom_id", item.customId()).put("method", "POST").put("url", path);
            try {
                line.set("body", JSON.readTree(wire.body(item.request())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CacheKey key = CacheKey.of(id, item.request());
            state.register(item.customId(), path, key.sha256(), line.toString());
            if (cache != null && state.item(item.customId()).orElseThrow().status() == BatchState.ItemStatus.PENDING) {
                cache.get(key).ifPresent(answer -> state.answer(item.customId(), ChatCodec.response(answer)));
            }
        }
        return byId;
    }

    /** Uploads and creates batches for every shard that lacks them, then for pending items. */
    private void uploadAndCreate(Map<String, BatchItem> byId) {
        for (BatchState.Shard shard : state.shards()) {
            if (shard.collected() || shard.batchId() != null) {
                continue;
            }
            List<Shards.Line> lines = state.items("shard = ?", shard.id()).stream()
                    .map(i -> new Shards.Line(i.customId(), i.line())).toList();
            String fileId = shard.inputFileId();
            if (fileId == null) {
                fileId = upload(shard.id(), lines);
                state.setInputFile(shard.id(), fileId);
            }
            createBatch(shard.id(), shard.path(), fileId, true);
        }
        if (cancelRequested) {
            return;
        }
        Map<String, List<Shards.Line>> pendingByPath = new LinkedHashMap<>();
        for (BatchState.Item item : state.items("status = 'PENDING'")) {
            if (byId.containsKey(item.customId())) {
                pendingByPath.computeIfAbsent(item.path(), p -> new ArrayList<>()).add(new Shards.Line(item.customId(), item.line()));
            }
        }
        for (Map.Entry<String, List<Shards.Line>> e : pendingByPath.entrySet()) {
            List<Shards.Line> tooLarge = new ArrayList<>();
            for (List<Shards.Line> lines : Shards.cut(e.getValue(), options.maxRequestsPerFile(), options.maxBytesPerFile(), tooLarge)) {
                long shard = state.newShard(e.getKey(), lines.stream().map(Shards.Line::customId).toList());
                String fileId = upload(shard, lines);
                state.setInputFile(shard, fileId);
                createBatch(shard, e.getKey(), fileId, false);
            }
            for (Shards.Line line : tooLarge) {
                state.fail(line.customId(), "the request takes " + line.bytes() + " bytes, more than a batch file may hold ("
                        + options.maxBytesPerFile() + ")", false);
            }
        }
    }

    private String upload(long shard, List<Shards.Line> lines) {
        byte[] jsonl = Shards.jsonl(lines);
        return call(() -> client.files().create(FileCreateParams.builder()
                .purpose(FilePurpose.BATCH)
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(jsonl))
                        .filename("drp-shard-" + shard + ".jsonl")
                        .build())
                .build()).id());
    }

    /**
     * Creates the batch of an uploaded file; when {@code recovering}, first adopts the batch a stopped
     * run may have created without recording it (the provider lists newest first, so a short look suffices).
     */
    private void createBatch(long shard, String path, String fileId, boolean recovering) {
        if (recovering) {
            int looked = 0;
            for (Batch existing : call(() -> client.batches().list()).autoPager()) {
                if (fileId.equals(existing.inputFileId())) {
                    state.setBatch(shard, existing.id(), existing._status().asKnown().flatMap(s -> s._value().asString()).orElse("unknown"));
                    return;
                }
                if (++looked >= 1000) {
                    break;
                }
            }
        }
        Batch batch = call(() -> client.batches().create(BatchCreateParams.builder()
                .inputFileId(fileId)
                .endpoint(BatchCreateParams.Endpoint.of(path))
                .completionWindow(BatchCreateParams.CompletionWindow.of(options.completionWindow()))
                .build()));
        state.setBatch(shard, batch.id(), batch._status().asKnown().flatMap(s -> s._value().asString()).orElse("validating"));
    }

    private void cancelRunning() {
        for (BatchState.Shard shard : state.shards()) {
            if (shard.active() && shard.batchId() != null && !shard.cancelRequested()) {
                try {
                    call(() -> client.batches().cancel(shard.batchId()));
                    state.requestCancel(shard.id());
                } catch (ChatException e) {
                    controlFailure(e);
                }
            } else if (shard.active() && shard.batchId() == null) {
                // never reached the provider: nothing to cancel there
                for (BatchState.Item item : state.items("shard = ? AND status = 'SUBMITTED'", shard.id())) {
                    state.fail(item.customId(), "cancelled before it was submitted", false);
                }
                state.markCollected(shard.id());
            }
        }
    }

    private void collect(BatchState.Shard shard, Batch batch, String status, Map<String, BatchItem> byId) {
        boolean cancelled = shard.cancelRequested() || cancelRequested;
        batch.outputFileId().ifPresent(file -> readLines(file, line -> collectLine(shard, line, byId)));
        batch.errorFileId().ifPresent(file -> readLines(file, line -> collectLine(shard, line, byId)));
        String batchErrors = batch.errors().flatMap(e -> e.data()).map(list -> list.stream()
                .map(d -> d.code().orElse("error") + ": " + d.message().orElse("")).toList().toString()).orElse("");
        for (BatchState.Item item : state.items("shard = ? AND status = 'SUBMITTED'", shard.id())) {
            String reason = "batch " + shard.batchId() + " ended " + status + " without an answer for it"
                    + (batchErrors.isEmpty() ? "" : " " + batchErrors);
            state.fail(item.customId(), cancelled ? "cancelled (" + reason + ")" : reason, !cancelled);
        }
        state.markCollected(shard.id());
    }

    private void collectLine(BatchState.Shard shard, String text, Map<String, BatchItem> byId) {
        JsonNode line;
        try {
            line = JSON.readTree(text);
        } catch (IOException e) {
            return; // a line we cannot read names no item; its item is failed below as unanswered
        }
        String customId = line.path("custom_id").asText(null);
        if (customId == null) {
            return;
        }
        BatchState.Item item = state.item(customId).orElse(null);
        if (item == null || item.shard() == null || item.shard() != shard.id()) {
            return;
        }
        JsonNode response = line.path("response");
        int statusCode = response.path("status_code").asInt(0);
        if (statusCode == 200) {
            try {
                ChatResponse answer = OpenAiWire.response(item.path(), response.path("body").toString());
                state.answer(customId, ChatCodec.response(answer));
                BatchItem asked = byId.get(customId);
                if (cache != null && asked != null) {
                    cache.putIfAbsent(CacheKey.of(id, asked.request()), id, asked.request(), answer);
                }
                if (meter != null) {
                    meter.record(id.model(), answer.usage(), price);
                }
            } catch (IllegalArgumentException malformed) {
                state.fail(customId, "malformed answer: " + malformed.getMessage(), true);
            }
            return;
        }
        JsonNode error = line.path("error");
        String code = error.path("code").asText(response.path("body").path("error").path("code").asText(""));
        String message = error.path("message").asText(response.path("body").path("error").path("message").asText(""));
        if (meter != null) {
            meter.recordFailure(id.model());
        }
        state.fail(customId, errors.batchItemReason(statusCode, code, message),
                OpenAiErrors.batchItemFailure(statusCode, code).retriable());
    }

    private void readLines(String fileId, Consumer<String> each) {
        try (HttpResponse response = call(() -> client.files().content(fileId));
                BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    each.accept(line);
                }
            }
        } catch (IOException e) {
            throw ChatException.of(ChatFailure.CONNECTION, id + ": reading batch file " + fileId + " failed: " + e.getMessage(),
                    0, null, e);
        }
    }

    private BatchProgress progress(Map<String, BatchItem> byId, long serverCompleted) {
        long answered = 0;
        long failed = 0;
        long inFlight = 0;
        for (BatchState.Item item : state.items("")) {
            if (!byId.containsKey(item.customId())) {
                continue;
            }
            switch (item.status()) {
                case ANSWERED -> answered++;
                case FAILED -> failed++;
                case SUBMITTED -> inFlight++;
                case PENDING -> { }
            }
        }
        List<BatchState.Shard> shards = state.shards();
        return new BatchProgress(byId.size(), answered, failed, inFlight, shards.size(),
                (int) shards.stream().filter(BatchState.Shard::active).count(), serverCompleted);
    }

    private Map<String, BatchResult> results(Map<String, BatchItem> byId) {
        Map<String, BatchState.Item> items = new HashMap<>();
        for (BatchState.Item item : state.items("")) {
            items.put(item.customId(), item);
        }
        Map<String, BatchResult> out = new LinkedHashMap<>();
        for (String customId : byId.keySet()) {
            BatchState.Item item = items.get(customId);
            out.put(customId, item.status() == BatchState.ItemStatus.ANSWERED
                    ? new BatchResult.Answered(customId, ChatCodec.parseResponse(item.response()), item.attempts())
                    : new BatchResult.Failed(customId, item.error() == null ? "no answer" : item.error(), item.attempts()));
        }
        return out;
    }

    private void controlFailure(ChatException e) {
        if (!e.retriable() || ++controlFailures > MAX_CONTROL_FAILURES) {
            throw e;
        }
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Call<T> call) {
        try {
            T result = call.run();
            controlFailures = 0;
            return result;
        } catch (OpenAIException e) {
            throw errors.map(e);
        }
    }

    @Override
    public void close() {
        state.close();
        client.close();
    }
}
