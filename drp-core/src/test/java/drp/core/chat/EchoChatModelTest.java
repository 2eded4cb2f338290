package drp.core.chat;

import drp.core.testing.EchoChatModel;

/** The contract suite against the in-memory reference model, so the suite itself is exercised in core. */
class EchoChatModelTest extends ChatModelContract {

    @Override
    protected ChatModel createModel() {
        return new EchoChatModel();
    }
}
