import { literalOf } from '../src/infra/infra-model.js';
import { parseUrl } from '../src/model/env-casts.js';
import { address, attributeText, inLanguage, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
import { isSecretName, maskUrlPassword } from '../src/rule-kit/secrets.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** Names that mention a secret word but hold something else: a key's id, a file, a lifetime, an address. */
const NOT_A_SECRET = /(PUBLIC|_KEY_ID$|_FILE$|_PATH$|_ARN$|_TTL$|_TIMEOUT$|_LENGTH$|_AGE$|_EXPIRY$|_ENDPOINT$|_URL$)/i;
/** Names of connection URLs: a secret when the URL carries a password. */
const URL_NAME = /(DATABASE|DB|REDIS|BROKER|CACHE|AMQP|CELERY_BROKER|CELERY_RESULT_BACKEND)_?URL$/i;
/** What to do instead: CloudFormation cannot create a SecureString parameter at all. */
const FIX = {
    terraform: 'Use type = "SecureString" (encrypted with KMS; ECS task secrets and django-environ read it alike).',
    cloudformation: 'CloudFormation cannot create a SecureString parameter: create it outside the stack (aws ssm put-parameter --type SecureString) and read it with an ssm-secure dynamic reference, or use an AWS::SecretsManager::Secret.',
};
export default defineRule({
    code: 'DJS916',
    name: 'ssm-secret-not-secure-string',
    level: 'error',
    scope: 'infra',
    meta: {
        summary: 'An SSM parameter whose name says it holds a secret (SECRET_KEY, a password, a token) is a plain String, not a SecureString',
        description: 'A String or StringList parameter is stored unencrypted and shown in clear to anyone allowed to read parameters; a SecureString is encrypted with KMS, and reading it in clear needs kms:Decrypt too. Django\'s SECRET_KEY, database passwords and API tokens belong in SecureString parameters (or Secrets Manager).',
        cwe: ['CWE-312'],
        securitySeverity: '6.5',
        precision: 'high',
        messages: {
            plain: '{{address}} ("{{parameter}}") looks like a secret but has {{setting}}: it is stored unencrypted and anyone who may read parameters sees it in clear. {{fix}}',
            url: '{{address}} ("{{parameter}}") holds {{masked}}, a URL with a password, but has {{setting}}: stored unencrypted, readable in clear. {{fix}}',
        },
        docs: `
## What it does
Flags Terraform \`aws_ssm_parameter\` resources with \`type = "String"\` or \`"StringList"\` whose
name says they hold a secret: the last segment of \`name\` (\`/shop/prod/DJANGO_SECRET_KEY\`), or
the resource's own name when \`name\` is not a literal, mentions \`SECRET\`, \`PASSWORD\`, \`TOKEN\`,
\`API_KEY\`, \`PRIVATE\`, \`CREDENTIAL\`, \`ACCESS_KEY\`, \`DSN\`... (the names DJS906 uses for
Dockerfiles). Names that only mention such a word (\`*_KEY_ID\`, \`*_FILE\`, \`*_TTL\`,
\`*_TIMEOUT\`, \`*_URL\`, \`PUBLIC\`) are left out, except connection URLs (\`DATABASE_URL\`,
\`REDIS_URL\`, \`CELERY_BROKER_URL\`...) whose literal value carries a password. A type decided
when Terraform runs is not reported. The value is never printed: a URL's password is masked.
In a CloudFormation template: an \`AWS::SSM::Parameter\` of \`Type: String\` or \`StringList\`
(CloudFormation cannot create a \`SecureString\`: the message says to create it outside the stack
or use Secrets Manager).

## Why is this bad?
Parameter Store keeps String parameters as plain text: the console, \`aws ssm get-parameter\` and
every role with \`ssm:GetParameter*\` on the path see the value, and nothing records a decryption.
A SecureString is encrypted with a KMS key; reading it in clear needs \`kms:Decrypt\` on that key
too, which is logged in CloudTrail. With Django's \`SECRET_KEY\` anyone can forge sessions and
password-reset links; with the database URL, read everything.

## Example
\`\`\`hcl
resource "aws_ssm_parameter" "secret_key" {
  name  = "/shop/prod/DJANGO_SECRET_KEY"
  type  = "String"
  value = random_password.secret_key.result
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  SecretKeyParameter:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /shop/prod/DJANGO_SECRET_KEY
      Type: String
      Value: !Ref DjangoSecretKey
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_ssm_parameter" "secret_key" {
  name  = "/shop/prod/DJANGO_SECRET_KEY"
  type  = "SecureString"
  value = random_password.secret_key.result
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  DjangoSecretKey:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: shop/prod/django-secret-key
      GenerateSecretString:
        PasswordLength: 64
        ExcludePunctuation: true
\`\`\`
`,
    },
    check(ctx) {
        for (const parameter of resourcesOfTypes(ctx.infra, ['aws_ssm_parameter'])) {
            const typeValue = parameter.attributes.get('type');
            const type = literalOf(typeValue);
            if (!typeValue || (type !== 'String' && type !== 'StringList'))
                continue;
            const name = literalOf(parameter.attributes.get('name'));
            const shown = typeof name === 'string' ? name : parameter.name;
            const last = shown.split('/').filter(Boolean).pop() ?? shown;
            const data = { address: address(parameter), parameter: shown, setting: attributeText(parameter, 'type', type), fix: inLanguage(parameter, FIX) };
            const value = literalOf(parameter.attributes.get('value') ?? parameter.attributes.get('insecure_value'));
            if (URL_NAME.test(last)) {
                if (typeof value === 'string' && parseUrl(value)?.password)
                    ctx.report({ messageId: 'url', origin: typeValue.origin, data: { ...data, masked: maskUrlPassword(value) } });
                continue;
            }
            if (isSecretName(last) && !NOT_A_SECRET.test(last))
                ctx.report({ messageId: 'plain', origin: typeValue.origin, data });
        }
    },
});
