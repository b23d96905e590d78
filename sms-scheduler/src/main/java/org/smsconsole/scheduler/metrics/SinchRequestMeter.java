package org.smsconsole.scheduler.metrics;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import org.glassfish.jersey.client.spi.PostInvocationInterceptor;
import org.smsconsole.sinch.SinchTransport;

/**
 * Measures each request of the Sinch client it is registered on, from outside: the client only tags its requests
 * with their operation ({@link SinchTransport#OPERATION}). The standard filters see every answer; a request that
 * gets none (refused, timed out, cut off) never reaches a response filter, so Jersey's post-invocation hook (the
 * JAX-RS implementation of Payara Micro and Payara Server alike) counts those.
 */
public final class SinchRequestMeter implements ClientRequestFilter, ClientResponseFilter, PostInvocationInterceptor {

    private static final String STARTED = SinchRequestMeter.class.getName() + ".started";

    private final ConsoleMetrics metrics;

    SinchRequestMeter(ConsoleMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        metrics.sinchRequest(operation(request), Integer.toString(response.getStatus()), elapsed(request));
    }

    @Override
    public void afterRequest(ClientRequestContext request, ClientResponseContext response) {
        // counted by the response filter
    }

    @Override
    public void onException(ClientRequestContext request, ExceptionContext failure) {
        if (failure.getResponseContext().isPresent()) {
            return; // an answer came, and the response filter counted it
        }
        Throwable cause = failure.getThrowables().isEmpty() ? null : failure.getThrowables().getFirst();
        metrics.sinchRequest(operation(request), SinchTransport.failureCode(cause), elapsed(request));
    }

    private static String operation(ClientRequestContext request) {
        Object operation = request.getProperty(SinchTransport.OPERATION);
        return operation == null ? request.getMethod() + " other" : operation.toString();
    }

    /** Nanoseconds since the request filter ran, or -1 when it did not (a failure before any filter). */
    private static long elapsed(ClientRequestContext request) {
        Object started = request.getProperty(STARTED);
        return started instanceof Long t ? System.nanoTime() - t : -1;
    }
}
