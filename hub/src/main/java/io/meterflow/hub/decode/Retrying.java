package io.meterflow.hub.decode;

import java.sql.SQLTransientException;

import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Failures that trying the same work again later can cure: the database or the broker away or
 * busy. The routes retry these with growing pauses (routes/storage.yaml); anything else is about
 * the data, and retrying it would fail the same way.
 */
final class Retrying {

    private Retrying() {
    }

    static boolean cures(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof AmqpException) {
                return true;
            }
        }
        return false;
    }
}
