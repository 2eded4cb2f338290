package drp.llm.chat;

import drp.core.chat.ChatMessage;
import drp.core.chat.ChatRequest;
import drp.core.chat.Prompt;
import drp.core.chat.ScoreRequest;

/**
 * What a scoring call costs, in the terms the rate limiter and the budget guard already price
 * calls by: a score reads the prompt and the target as a prompt and generates at most one token
 * (the one an echo over {@code /completions} makes), so it is estimated as that generation call.
 */
final class ScoreCalls {

    private ScoreCalls() {}

    /** The generation call {@code request} costs like: prompt and target read, one token made. */
    static ChatRequest asChatRequest(ScoreRequest request) {
        ChatRequest.Builder b = ChatRequest.builder().maxTokens(1);
        switch (request.prompt()) {
            case Prompt.Text t -> b.rawPrompt(t.text() + request.target());
            case Prompt.Messages m -> b.messages(m.messages()).message(ChatMessage.assistant(request.target()));
        }
        return b.build();
    }
}
