package io.eventline.service.app;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' hooks for a failure while processing or producing: each counts the failure
 * against the input record being processed ({@link FailingRecords}) and fails the task, so that
 * the transaction aborts and nothing of the attempt is committed. The record is tried again
 * after the thread is replaced, until the processor that reads it gives up on it; nothing is
 * ever skipped here, because under exactly-once a skipped output with a committed input is a
 * silent loss.
 */
public final class RecordFailureHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFailureHandlers.class);

    private RecordFailureHandlers() {}

    static void record(FailingRecords ledger, ErrorHandlerContext context, Exception error, boolean sending) {
        if (context.topic() == null || context.offset() < 0) {
            return; // not from an input record (a punctuation): nothing to count against
        }
        FailingRecords.Coordinates at = new FailingRecords.Coordinates(context.topic(), context.partition(), context.offset());
        Optional<FailingRecords.Failure> counted = sending ? Optional.of(ledger.failedToSend(at, error)) : ledger.failed(at, error);
        if (counted.isEmpty()) {
            return;
        }
        FailingRecords.Failure failure = counted.get();
        // One line a failure, naming the record: the stack trace belongs to the debug log.
        LOG.error("task {} failed on {} (attempt {} of {}): {}: {}", context.taskId(), failure.at(), failure.attempts(),
                ledger.maxAttempts(), failure.errorClass(), failure.message());
        LOG.debug("failure on {}", failure.at(), error);
    }

    /** An exception thrown from a processor. */
    public static final class Processing implements ProcessingExceptionHandler {
        private FailingRecords ledger;

        @Override
        public void configure(Map<String, ?> configs) {
            ledger = FailingRecords.from(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            record(ledger, context, exception, false);
            return Response.fail();
        }
    }

    /** A record the producer could not send (the broker refused it, or it could not be serialised). */
    public static final class Production implements ProductionExceptionHandler {
        private FailingRecords ledger;

        @Override
        public void configure(Map<String, ?> configs) {
            ledger = FailingRecords.from(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
            // A retriable error (a broker away, a timeout) says nothing about the record: not counted.
            if (!(exception instanceof RetriableException)) {
                record(ledger, context, exception, true);
            }
            return Response.fail();
        }

        @Override
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                                 SerializationExceptionOrigin origin) {
            record(ledger, context, exception, true);
            return Response.fail();
        }
    }
}
