package io.custodia.governance.notification;

import io.custodia.governance.platform.PlatformProperties;
import io.custodia.governance.requests.RequestDecided;
import io.custodia.governance.requests.VerificationCodeIssued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Tells requesters what they need to know by e-mail, after the transaction that caused it committed. With no SMTP
 * server configured, the message is logged instead (request id, code and link, never the address) so Custodia can be
 * tried locally.
 */
@Component
class RequesterMail {

    private static final Logger log = LoggerFactory.getLogger(RequesterMail.class);
    static final String FROM = "Custodia <no-reply@custodia.local>";

    private final ObjectProvider<JavaMailSender> mailSender;
    private final PlatformProperties platform;

    RequesterMail(ObjectProvider<JavaMailSender> mailSender, PlatformProperties platform) {
        this.mailSender = mailSender;
        this.platform = platform;
    }

    @Async
    @TransactionalEventListener
    void on(VerificationCodeIssued issued) {
        String link = UriComponentsBuilder.fromUri(platform.publicUrl()).path("/")
                .queryParam("request", issued.requestId())
                .queryParam("code", issued.code())
                .build().toUriString();
        String text = """
                Someone, hopefully you, filed a request with Custodia using this address.

                Your confirmation code: %s
                It works until %s. Confirm here: %s

                Request id: %s
                If you did not file this request, ignore this message.
                """.formatted(issued.code(), issued.expiresAt(), link, issued.requestId());
        send(issued.email(), "Custodia: confirm your request " + issued.requestId(), text,
                () -> log.info("No SMTP server configured; confirmation for request {}: code {}, link {}",
                        issued.requestId(), issued.code(), link));
    }

    @Async
    @TransactionalEventListener
    void on(RequestDecided decided) {
        String text = switch (decided.outcome()) {
            case APPROVED -> "Your request " + decided.requestId() + " was approved. It will be enforced in the next "
                    + "release of the exclusion index and PII filter.";
            case REJECTED -> "Your request " + decided.requestId() + " was rejected. Reason: " + decided.reason();
            default -> "Your request " + decided.requestId() + " is now " + decided.outcome() + ".";
        };
        send(decided.email(), "Custodia: request " + decided.requestId() + " " + decided.outcome(), text,
                () -> log.info("No SMTP server configured; request {} is {}", decided.requestId(), decided.outcome()));
    }

    private void send(String to, String subject, String text, Runnable instead) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            instead.run();
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(FROM);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not send '{}': {}", subject, e.getClass().getSimpleName());
        }
    }
}
