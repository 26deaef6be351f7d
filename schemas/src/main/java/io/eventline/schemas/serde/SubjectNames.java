package io.eventline.schemas.serde;

/**
 * Confluent's TopicNameStrategy: a topic's values register under {@code <topic>-value}, its keys
 * under {@code <topic>-key}, so Confluent tools find the schemas where they look for them.
 */
public final class SubjectNames {
    private SubjectNames() {
    }

    public static String forTopic(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
