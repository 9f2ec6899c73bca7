package dev.formbridge.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.ses.SuppressionReasons;
import software.constructs.Construct;

/**
 * The SES domain identity e-mail connectors send from (Easy DKIM: the three CNAME records are stack outputs), with a
 * configuration set that suppresses addresses that bounced or complained. Sending is granted for that identity and
 * that sender address only. A new SES account starts in the sandbox: {@code docs/deploy.md} says how to leave it.
 */
public final class Email extends Construct {
    private final EmailIdentity identity;
    private final ConfigurationSet configurationSet;
    private final String mailFrom;

    public Email(Construct scope, String id, DeploymentSettings settings) {
        super(scope, id);
        this.configurationSet = ConfigurationSet.Builder.create(this, "ConfigurationSet")
                .suppressionReasons(SuppressionReasons.BOUNCES_AND_COMPLAINTS)
                .reputationMetrics(true)
                .build();
        this.identity = EmailIdentity.Builder.create(this, "Identity")
                .identity(Identity.domain(settings.mailDomain()))
                .configurationSet(configurationSet)
                .build();
        this.mailFrom = "no-reply@" + settings.mailDomain();
        createDkimOutputs();
    }

    private void createDkimOutputs() {
        List<String[]> records = List.of(
                new String[] {identity.getDkimDnsTokenName1(), identity.getDkimDnsTokenValue1()},
                new String[] {identity.getDkimDnsTokenName2(), identity.getDkimDnsTokenValue2()},
                new String[] {identity.getDkimDnsTokenName3(), identity.getDkimDnsTokenValue3()});
        for (int i = 0; i < records.size(); i++) {
            CfnOutput.Builder.create(this, "DkimRecord" + (i + 1))
                    .description("CNAME for Easy DKIM: name → value")
                    .value(records.get(i)[0] + " CNAME " + records.get(i)[1])
                    .build();
        }
    }

    /** {@code ses:SendEmail} for this identity and its configuration set, from the no-reply address only. */
    public void grantSend(IGrantable principal) {
        Stack stack = Stack.of(this);
        String configurationSetArn = Arn.format(
                ArnComponents.builder()
                        .service("ses")
                        .resource("configuration-set")
                        .resourceName(configurationSet.getConfigurationSetName())
                        .build(),
                stack);
        principal
                .getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .sid("SendFromNoReply")
                        .actions(List.of("ses:SendEmail"))
                        .resources(List.of(identity.getEmailIdentityArn(), configurationSetArn))
                        .conditions(Map.of("StringEquals", Map.of("ses:FromAddress", mailFrom)))
                        .build());
    }
}
