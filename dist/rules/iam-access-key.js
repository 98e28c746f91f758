import { literalOf } from '../src/infra/infra-model.js';
import { address, blockHead, inLanguage, referencedResource, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** Where the key's secret ends up besides the application's configuration. */
const KEPT = {
    terraform: 'its secret is kept in the Terraform state',
    cloudformation: 'its secret reaches the application only through GetAtt SecretAccessKey (an output, a parameter, an environment variable)',
};
export default defineRule({
    code: 'DJS914',
    name: 'iam-access-key',
    level: 'warning',
    scope: 'infra',
    meta: {
        summary: 'The infrastructure creates a long-lived IAM access key (aws_iam_access_key, AWS::IAM::AccessKey) instead of using a role',
        description: 'An IAM user access key never expires: it ends up in environment variables, .env files and CI settings, and its secret is stored in the Terraform state. On ECS, EC2 or Lambda, the task or instance role gives the application short-lived credentials that boto3 and django-storages find on their own.',
        cwe: ['CWE-798'],
        securitySeverity: '5.3',
        precision: 'high',
        messages: {
            key: '{{address}} creates a long-lived access key for {{user}}: it does not expire, {{kept}}, and it tends to end up in .env files and settings. Give the application a task or instance role (boto3 and django-storages pick up its short-lived credentials) and delete the key.',
        },
        docs: `
## What it does
Flags Terraform \`aws_iam_access_key\` resources: access keys of an IAM user, created and kept by
Terraform. A key with \`status = "Inactive"\` is not reported.
In a CloudFormation template: an \`AWS::IAM::AccessKey\` (its secret is read with \`!GetAtt
Key.SecretAccessKey\`).

## Why is this bad?
An access key is a password that never expires. To reach the application it has to be copied
somewhere (an environment variable, a \`.env\` file, the settings, a CI secret), and Terraform also
writes its secret into the state file. Each copy is a leak waiting to happen, and a leaked key
works from anywhere until someone notices. On AWS compute (ECS task role, EC2 instance profile,
Lambda execution role), boto3 and django-storages fetch short-lived credentials themselves, so
\`AWS_ACCESS_KEY_ID\` need not appear in the settings at all (see DJS208/DJS209 for keys written
in the settings).

## Example
\`\`\`hcl
resource "aws_iam_user" "app" {
  name = "django-app"
}

resource "aws_iam_access_key" "app" {
  user = aws_iam_user.app.name
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  AppUser:
    Type: AWS::IAM::User
  AppKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref AppUser
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_iam_role" "task" {
  name               = "django-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
\`\`\`
`,
    },
    check(ctx) {
        for (const key of resourcesOfTypes(ctx.infra, ['aws_iam_access_key'])) {
            if (literalOf(key.attributes.get('status')) === 'Inactive')
                continue;
            const userValue = key.attributes.get('user');
            const userResource = referencedResource(ctx.infra, userValue);
            const named = literalOf(userValue);
            const user = userResource ? address(userResource) : typeof named === 'string' ? `the IAM user "${named}"` : 'an IAM user';
            ctx.report({ messageId: 'key', origin: blockHead(key.origin), data: { address: address(key), user, kept: inLanguage(key, KEPT) } });
        }
    },
});
