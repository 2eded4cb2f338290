package drp.tiny.chat;

import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.core.chat.Prompt;
import drp.core.chat.ResponseFormat;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import drp.core.run.ContentHash;
import drp.tiny.TinyStudent;
import drp.tiny.base.TrainingRecord;
import drp.tiny.model.Activations;
import drp.tiny.model.Batch;
import drp.tiny.model.Llama;
import drp.tiny.sample.Completion;
import drp.tiny.sample.Sampler;
import drp.tiny.sample.SamplingOptions;
import drp.tiny.token.TinyTokenizer;
import drp.tiny.token.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The embedded student as a {@link ChatModel}, the endpoint {@code tiny:CHECKPOINT_DIR} (or
 * {@code tiny:base} for the shipped base student): what {@code drp serve} serves and what stages
 * can sample from like from any other model.
 *
 * <p>Its chat template has one question: a chat request is answered from its one user message
 * (system messages are ignored, as the template has no place for them; assistant turns and second
 * user messages are refused). A raw prompt is continued as written (special tokens such as
 * {@code <|assistant|>} written literally are recognized; {@code <s>} is prepended when absent).
 * Unset sampling fields take OpenAI's defaults: temperature 1, top-p 1, as many tokens as the
 * context holds; an unset seed is 0, so every answer is reproducible. Choice {@code i} of a request
 * is the {@link Sampler}'s sequence {@code i} of the request's seed, so {@code n} choices differ and
 * a streamed answer equals the same request answered at once.
 *
 * <p>Concurrent calls share one {@link Sampler}: their sequences decode together in its slots, and
 * an answer does not depend on what else was being answered. {@link #close} stops its decoding
 * thread.
 */
public final class TinyChatModel implements ChatModel {

    /** The endpoint scheme, {@code tiny:}. */
    public static final String SCHEME = "tiny";
    /** The location of the shipped base student, {@code tiny:base}. */
    public static final String BASE = "base";

    /** Receives a choice's text as it is generated. */
    @FunctionalInterface
    public interface TextListener {
        /** More text of choice {@code index}; the pieces of one choice concatenate to its text. */
        void text(int index, String piece);
    }

    private final TinyStudent student;
    private final ModelId id;
    private final Sampler sampler;

    /**
     * @param student the student (its current weights are snapshotted)
     * @param id      what answers, e.g. {@code tiny:base#tiny}
     */
    public TinyChatModel(TinyStudent student, ModelId id) {
        this(student, id, Sampler.DEFAULT_SLOTS);
    }

    /**
     * @param student the student (its current weights are snapshotted)
     * @param id      what answers, e.g. {@code tiny:base#tiny}
     * @param slots   how many sequences decode together; answers do not depend on it, speed does
     */
    public TinyChatModel(TinyStudent student, ModelId id, int slots) {
        this.student = Objects.requireNonNull(student, "student");
        this.id = Objects.requireNonNull(id, "id");
        this.sampler = new Sampler(student.model(), student.chat().endOfReply(), slots);
    }

    /**
     * Opens {@code tiny:LOCATION}: {@code base} for the shipped base student, else a checkpoint
     * directory written by {@link TinyStudent#save}. The model is named after the folder
     * ({@code base} for the shipped one); its id carries the weights' revision
     * ({@code tiny:DIR@3f2a1c9b7e01}, the start of the weights file's SHA-256), so a checkpoint
     * retrained in place is another model to the call cache and in run.json, never the old one.
     *
     * @throws IllegalArgumentException when the location is not a checkpoint, naming what is missing
     */
    public static TinyChatModel open(String location) {
        if (location.isBlank()) {
            throw new IllegalArgumentException("tiny: names no checkpoint; write tiny:base or tiny:CHECKPOINT_DIR");
        }
        if (location.equals(BASE)) {
            return new TinyChatModel(TinyStudent.loadBase(), new ModelId(SCHEME + ":" + BASE + "@" + baseRevision(), BASE));
        }
        Path dir = Path.of(location);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("tiny:" + location + ": no such checkpoint folder (write tiny:base for"
                    + " the shipped base student)");
        }
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException("tiny:" + location + ": not a drp-tiny checkpoint (no config.json in "
                    + dir + ")");
        }
        try {
            Path absolute = dir.toAbsolutePath().normalize();
            String name = absolute.getFileName() == null ? "tiny" : absolute.getFileName().toString();
            String revision = ContentHash.of(dir.resolve("model.safetensors")).substring(0, 12);
            return new TinyChatModel(TinyStudent.load(dir), new ModelId(SCHEME + ":" + absolute + "@" + revision, name));
        } catch (IOException e) {
            throw new UncheckedIOException("tiny:" + location + ": cannot load the checkpoint: " + e.getMessage(), e);
        }
    }

    /** The shipped base student's revision: the start of its recorded weights hash. */
    private static String baseRevision() {
        try (java.io.InputStream in = TinyStudent.class.getClassLoader()
                .getResourceAsStream(TinyStudent.BASE_RESOURCE + TrainingRecord.FILE_NAME)) {
            return in == null ? "unknown" : TrainingRecord.read(in).weightsSha256().substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped base student's record", e);
        }
    }

    @Override
    public ModelId id() {
        return id;
    }

    public TinyStudent student() {
        return student;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return answer(request, null);
    }

    /**
     * Answers {@code request}, handing each choice's text to {@code listener} as it is generated. The
     * listener runs on the calling thread, so a slow one (a client reading a stream) holds up only
     * this request, never the other sequences decoding with it.
     */
    public ChatResponse chat(ChatRequest request, TextListener listener) {
        return answer(request, Objects.requireNonNull(listener, "listener"));
    }

    private ChatResponse answer(ChatRequest request, TextListener listener) {
        refuseUnsupported(request);
        int[] prompt = prompt(request);
        int context = student.model().config().contextLength();
        if (prompt.length >= context) {
            throw badRequest("the prompt has " + prompt.length + " tokens; the context of " + id.model() + " holds "
                    + context);
        }
        int room = context - prompt.length;
        int maxTokens = request.maxTokens() == null ? room : Math.min(request.maxTokens(), room);
        SamplingOptions options = new SamplingOptions(
                request.temperature() == null ? 1f : request.temperature().floatValue(),
                request.topP() == null ? 1f : request.topP().floatValue(), maxTokens,
                request.seed() == null ? 0L : request.seed());
        // the decoding thread puts each choice's released text here, then END when the choice is done
        LinkedBlockingQueue<Piece> pieces = new LinkedBlockingQueue<>();
        List<StopWatcher> watchers = new ArrayList<>(request.n());
        List<CompletableFuture<Completion>> futures = new ArrayList<>(request.n());
        try {
            for (int i = 0; i < request.n(); i++) {
                int index = i;
                StopWatcher watcher = new StopWatcher(request.stop(),
                        listener == null ? piece -> { } : piece -> pieces.add(new Piece(index, piece)));
                watchers.add(watcher);
                // the text so far is needed only to stream it or to find a stop sequence in it
                Sampler.TokenListener tokens = listener == null && request.stop().isEmpty() ? token -> true
                        : new TextSoFar(watcher)::accept;
                CompletableFuture<Completion> future;
                try {
                    future = sampler.submit(prompt, options, i, tokens);
                } catch (IllegalArgumentException e) {
                    throw badRequest(e.getMessage());
                }
                futures.add(future);
                future.whenComplete((completion, failure) -> pieces.add(Piece.END));
            }
            for (int ended = 0; ended < request.n(); ) {
                Piece piece = pieces.take();
                if (piece == Piece.END) {
                    ended++;
                } else {
                    listener.text(piece.index(), piece.text());
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(false));
            Thread.currentThread().interrupt();
            throw ChatException.of(ChatFailure.CANCELLED, id + ": interrupted", 0, null, null);
        } catch (RuntimeException | Error e) {
            // a bad request, or the listener failed: stop decoding what was submitted
            futures.forEach(future -> future.cancel(false));
            throw e;
        }
        List<Choice> choices = new ArrayList<>(request.n());
        long completionTokens = 0;
        for (int i = 0; i < request.n(); i++) {
            Completion completion = completion(futures.get(i));
            StopWatcher watcher = watchers.get(i);
            boolean stopped = watcher.stopped();
            String text = watcher.finish(student.tokenizer().decode(completion.tokens()));
            FinishReason finish = stopped || Completion.STOP.equals(completion.finishReason())
                    ? FinishReason.STOP : FinishReason.LENGTH;
            completionTokens += completion.tokens().length;
            choices.add(Choice.of(i, text, null, finish, List.of()));
        }
        // what finishing released (text held back in case a stop sequence began in it)
        for (Piece piece = pieces.poll(); piece != null; piece = pieces.poll()) {
            listener.text(piece.index(), piece.text());
        }
        return new ChatResponse(id.model(), choices, new Usage(prompt.length, completionTokens));
    }

    /** The completion of a finished choice; a failure of the sampler rethrown as it was thrown. */
    private Completion completion(CompletableFuture<Completion> future) {
        try {
            return Sampler.join(future);
        } catch (CancellationException e) {
            throw ChatException.of(ChatFailure.CANCELLED, id + ": closed while answering", 0, null, null);
        }
    }

    /**
     * Scores the target by one teacher-forced pass of the training forward ({@link Llama#forward}):
     * the prompt's ids (the chat template with the assistant's turn opened, as {@link #chat}
     * renders it, or a raw text) followed by the target's ids, exactly the sequence a fine-tune on
     * the pair trains on minus its end-of-reply token. Each target token's log-probability is
     * {@code -loss} at the position that predicts it.
     */
    @Override
    public TargetScore score(ScoreRequest request) {
        int[] prompt = switch (request.prompt()) {
            case Prompt.Text t -> prompt(ChatRequest.builder().rawPrompt(t.text()).build());
            case Prompt.Messages m -> student.chat().prompt(question(m.messages()));
        };
        int[] target = student.tokenizer().encode(request.target());
        if (target.length == 0) {
            throw badRequest("the target '" + request.target() + "' has no tokens");
        }
        return teacherForced(prompt, target);
    }

    /**
     * Scores every token of a raw text after the {@code <s>} that starts it (prepended when absent,
     * as {@link #chat} does with a raw prompt), the text tokenized as a whole: what an engine's echo
     * reports for a prompt, where {@link #score} tokenizes prompt and target apart. Offsets are into
     * the text without that first {@code <s>}.
     */
    public TargetScore scoreText(String text) {
        int[] ids = prompt(ChatRequest.builder().rawPrompt(text).build());
        if (ids.length < 2) {
            throw badRequest("the text '" + text + "' has no tokens after " + Vocabulary.BOS);
        }
        return teacherForced(new int[] {ids[0]}, Arrays.copyOfRange(ids, 1, ids.length));
    }

    /**
     * One teacher-forced pass of the training forward ({@link Llama#forward}) over {@code prompt}
     * then {@code target}: exactly the sequence a fine-tune on the pair trains on minus its
     * end-of-reply token. Each target token's log-probability is {@code -loss} at the position
     * that predicts it.
     */
    private TargetScore teacherForced(int[] prompt, int[] target) {
        TinyTokenizer tokenizer = student.tokenizer();
        int t = prompt.length + target.length;
        int context = student.model().config().contextLength();
        if (t > context) {
            throw badRequest("prompt and target are " + t + " tokens; the context of " + id.model() + " holds " + context);
        }
        int[] tokens = new int[t];
        System.arraycopy(prompt, 0, tokens, 0, prompt.length);
        System.arraycopy(target, 0, tokens, prompt.length, target.length);
        int[] next = new int[t];
        float[] weights = new float[t];
        int[] positions = new int[t];
        for (int i = 0; i < t; i++) {
            next[i] = i + 1 < t ? tokens[i + 1] : tokenizer.vocabulary().eos();
            weights[i] = i >= prompt.length - 1 && i + 1 < t ? 1f : 0f;
            positions[i] = i;
        }
        Llama model = student.model();
        Activations activations = new Activations(model.config(), 1, t);
        model.forward(new Batch(1, t, tokens, next, weights, positions, new int[t]), activations);
        float[] losses = activations.losses();
        List<ScoredToken> scored = new ArrayList<>(target.length);
        for (int k = 0; k < target.length; k++) {
            int offset = tokenizer.decode(target, 0, k).length();
            scored.add(new ScoredToken(tokenizer.tokenText(target[k]), offset, -(double) losses[prompt.length - 1 + k]));
        }
        return new TargetScore(id.model(), scored, new Usage(t, 0));
    }

    /** Stops the decoding thread; requests still being answered fail as {@code CANCELLED}. */
    @Override
    public void close() {
        sampler.close();
    }

    /** A piece of choice {@code index}'s text, or END: a choice is done. */
    private record Piece(int index, String text) {
        static final Piece END = new Piece(-1, "");
    }

    /** Decodes a choice's tokens so far after each new one and hands the text to its stop watcher. */
    private final class TextSoFar {
        private final StopWatcher watcher;
        private int[] tokens = new int[16];
        private int size;

        TextSoFar(StopWatcher watcher) {
            this.watcher = watcher;
        }

        boolean accept(int token) {
            if (size == tokens.length) {
                tokens = Arrays.copyOf(tokens, size * 2);
            }
            tokens[size++] = token;
            return watcher.update(student.tokenizer().decode(tokens, 0, size));
        }
    }

    /** The token ids of the prompt: the chat template around the question, or the raw text. */
    private int[] prompt(ChatRequest request) {
        return switch (request.prompt()) {
            case Prompt.Text t -> {
                int[] ids = student.tokenizer().encode(t.text());
                int bos = student.tokenizer().vocabulary().bos();
                if (ids.length > 0 && ids[0] == bos) {
                    yield ids;
                }
                int[] withBos = new int[ids.length + 1];
                withBos[0] = bos;
                System.arraycopy(ids, 0, withBos, 1, ids.length);
                yield withBos;
            }
            case Prompt.Messages m -> student.chat().prompt(question(m.messages()));
        };
    }

    private String question(List<ChatMessage> messages) {
        List<ChatMessage> users = messages.stream().filter(msg -> msg.role() == ChatMessage.Role.USER).toList();
        if (messages.stream().anyMatch(msg -> msg.role() == ChatMessage.Role.ASSISTANT)) {
            throw badRequest(id.model() + " answers one question at a time; its chat template has no place for"
                    + " assistant turns (send one user message, or a raw prompt to /v1/completions)");
        }
        if (users.size() != 1) {
            throw badRequest(id.model() + " answers one question: send exactly one user message, got " + users.size());
        }
        String question = users.getFirst().content();
        for (String special : List.of(Vocabulary.BOS, Vocabulary.EOS, Vocabulary.USER, Vocabulary.ASSISTANT)) {
            if (question.contains(special)) {
                throw badRequest("the user message contains the special token " + special
                        + "; write the template yourself in a raw prompt instead");
            }
        }
        return question;
    }

    private void refuseUnsupported(ChatRequest request) {
        if (request.logprobs() != null) {
            throw badRequest(id.model() + " does not return log-probabilities");
        }
        if (!(request.responseFormat() instanceof ResponseFormat.Text)) {
            throw badRequest(id.model() + " cannot follow a JSON schema; ask for free text");
        }
        if (!request.extra().isEmpty()) {
            throw badRequest(id.model() + " takes no engine parameters; got " + String.join(", ", request.extra().keySet()));
        }
    }

    private ChatException badRequest(String message) {
        return ChatException.of(ChatFailure.BAD_REQUEST, message, 400, null, null);
    }

    @Override
    public String toString() {
        return "TinyChatModel[" + id + "]";
    }

    /**
     * Cuts a choice's text at the first stop sequence and releases text to the listener only once
     * no stop sequence can begin inside it.
     */
    private static final class StopWatcher {
        private final List<String> stops;
        private final int holdBack;
        private final java.util.function.Consumer<String> sink;
        private int emitted;
        private int cut = -1;

        StopWatcher(List<String> stops, java.util.function.Consumer<String> sink) {
            this.stops = stops;
            this.holdBack = stops.stream().mapToInt(String::length).max().orElse(1) - 1;
            this.sink = sink;
        }

        /** @return false once a stop sequence appeared */
        boolean update(String text) {
            int first = stops.stream().mapToInt(text::indexOf).filter(i -> i >= 0).min().orElse(-1);
            if (first >= 0) {
                cut = first;
                release(text, first);
                return false;
            }
            int safe = text.length() - holdBack;
            // a character still being assembled from byte tokens decodes as U+FFFD: wait for the rest
            while (safe > emitted && text.charAt(safe - 1) == '\uFFFD') {
                safe--;
            }
            release(text, safe);
            return true;
        }

        boolean stopped() {
            return cut >= 0;
        }

        /** The final text; whatever was held back is released. */
        String finish(String text) {
            String result = cut >= 0 ? text.substring(0, cut) : text;
            release(result, result.length());
            return result;
        }

        private void release(String text, int upTo) {
            if (upTo > emitted) {
                sink.accept(text.substring(emitted, upTo));
                emitted = upTo;
            }
        }
    }
}
