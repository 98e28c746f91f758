import { allowStatements } from '../src/rule-kit/iam-policy.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** S3 actions that only exist account-wide: they need Resource "*", no bucket ARN would do. */
const ACCOUNT_LEVEL_S3 = new Set([
    's3:listallmybuckets',
    's3:getaccountpublicaccessblock',
    's3:putaccountpublicaccessblock',
    's3:listaccesspoints',
    's3:listjobs',
    's3:createjob',
    's3:liststoragelensconfigurations',
    's3:listmultiregionaccesspoints',
    's3:listaccessgrantsinstances',
]);
export default defineRule({
    code: 'DJS915',
    name: 'iam-policy-wildcard',
    level: 'warning',
    scope: 'infra',
    meta: {
        summary: 'An IAM policy allows every action ("*"), every S3 action ("s3:*"), or S3 actions on every resource ("*")',
        description: 'A Django application needs a few S3 actions on its own bucket (django-storages: GetObject, PutObject, DeleteObject, ListBucket). A policy that allows "*" or "s3:*", or S3 actions on Resource "*", hands whoever gets the credentials (an SSRF to the metadata endpoint, a leaked key) every bucket of the account, or the account itself.',
        cwe: ['CWE-732'],
        securitySeverity: '6.5',
        precision: 'high',
        messages: {
            allActions: '{{policy}} allows Action "*": whoever holds these credentials (the task or instance role, a leaked key) controls the whole account. Allow the actions the application uses, on its own resources.',
            allS3: '{{policy}} allows Action "s3:*"{{where}}: deleting buckets, changing their policies and ACLs included. django-storages needs s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket.',
            anyBucket: '{{policy}} allows {{actions}} on Resource "*": every bucket of the account, not just the application\'s. Name the bucket: "arn:aws:s3:::BUCKET" for s3:ListBucket, "arn:aws:s3:::BUCKET/*" for object actions.',
        },
        docs: `
## What it does
Flags \`Allow\` statements of Terraform IAM identity policies (\`aws_iam_policy\`,
\`aws_iam_role_policy\`, \`aws_iam_user_policy\`, \`aws_iam_group_policy\`, written with
\`jsonencode\`, a JSON string or a heredoc) and of \`aws_iam_policy_document\` data sources when:

- \`Action\` is \`"*"\` (every action of every service), or
- \`Action\` is \`"s3:*"\`, or
- \`Resource\` is \`"*"\` with S3 actions that take a bucket or object ARN (account-wide actions
  such as \`s3:ListAllMyBuckets\` need \`"*"\` and are not reported).

One finding per statement, the first that applies. \`Deny\` statements (such as the usual "deny
\`s3:*\` without TLS") are not reported, nor statements with \`NotAction\`/\`NotResource\`, or
whose actions or resources are decided when Terraform runs. S3 bucket policies are not judged.
In a CloudFormation template: the \`PolicyDocument\` of an \`AWS::IAM::Policy\`, an
\`AWS::IAM::ManagedPolicy\` or an \`AWS::IAM::Role\`'s inline \`Policies\` (Terraform's
\`inline_policy\` blocks alike).

## Why is this bad?
The application's role is what an attacker gets from a server-side request forgery to the
metadata endpoint, a remote code execution, or a leaked access key. With \`"*"\` that is the
account. With \`"s3:*"\` or \`Resource "*"\`, it is every bucket: backups, logs, other
applications' uploads, and the right to delete them or make them public. Django's media storage
(django-storages) needs four actions on one bucket.

## Example
\`\`\`hcl
resource "aws_iam_role_policy" "media" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  MediaPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: media
      Roles: [!Ref TaskRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:*
            Resource: "*"
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_iam_role_policy" "media" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:ListBucket"], Resource = "arn:aws:s3:::shop-media" },
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource = "arn:aws:s3:::shop-media/*" },
    ]
  })
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  MediaPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: media
      Roles: [!Ref TaskRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:ListBucket
            Resource: arn:aws:s3:::shop-media
          - Effect: Allow
            Action: [s3:GetObject, s3:PutObject, s3:DeleteObject]
            Resource: arn:aws:s3:::shop-media/*
\`\`\`
`,
    },
    check(ctx) {
        for (const s of allowStatements(ctx.infra)) {
            const actions = s.actions?.map((a) => a.toLowerCase());
            if (!actions)
                continue;
            if (actions.includes('*') || actions.includes('*:*')) {
                ctx.report({ messageId: 'allActions', origin: s.actionsAt, data: { policy: s.label } });
                continue;
            }
            if (actions.includes('s3:*')) {
                ctx.report({ messageId: 'allS3', origin: s.actionsAt, data: { policy: s.label, where: s.resources?.includes('*') ? ' on Resource "*"' : '' } });
                continue;
            }
            const bucketActions = (s.actions ?? []).filter((a) => a.toLowerCase().startsWith('s3:') && !ACCOUNT_LEVEL_S3.has(a.toLowerCase()));
            if (bucketActions.length > 0 && s.resources?.includes('*')) {
                ctx.report({ messageId: 'anyBucket', origin: s.resourcesAt, data: { policy: s.label, actions: bucketActions.join(', ') } });
            }
        }
    },
});
