// The rule registry, sorted by code. A meta test checks codes, names, files and docs agree.
import type { Rule } from '../src/rule-kit/rule.js';
import albHttpNotRedirected from './alb-http-not-redirected.js';
import dockerDebugEnabled from './docker-debug-enabled.js';
import dockerEnvFileCopied from './docker-env-file-copied.js';
import dockerSecretInEnv from './docker-secret-in-env.js';
import rdsPubliclyAccessible from './rds-publicly-accessible.js';
import rdsStorageUnencrypted from './rds-storage-unencrypted.js';
import securityGroupDatabaseOpen from './security-group-database-open.js';
import proxySslHeaderAppExposed from './proxy-ssl-header-app-exposed.js';
import rdsPublicSubnet from './rds-public-subnet.js';
import ssmSecretNotSecureString from './ssm-secret-not-secure-string.js';
import iamAccessKey from './iam-access-key.js';
import iamPolicyWildcard from './iam-policy-wildcard.js';
import wafAdminLoginNotRateLimited from './waf-admin-login-not-rate-limited.js';
import wafWithoutCoreRuleSet from './waf-without-core-rule-set.js';
import albWithoutWaf from './alb-without-waf.js';
import albTlsPolicyOutdated from './alb-tls-policy-outdated.js';
import elasticacheAtRestUnencrypted from './elasticache-at-rest-unencrypted.js';
import elasticacheTransitUnencrypted from './elasticache-transit-unencrypted.js';
import adminWithoutBruteForceProtection from './admin-without-brute-force-protection.js';
import allowedHostsBroadSubdomain from './allowed-hosts-broad-subdomain.js';
import allowedHostsEmpty from './allowed-hosts-empty.js';
import allowedHostsWildcard from './allowed-hosts-wildcard.js';
import asyncUnsafeEnabled from './async-unsafe-enabled.js';
import awsAccessKeyLiteral from './aws-access-key-literal.js';
import awsSecretKeyLiteral from './aws-secret-key-literal.js';
import boto3InlineCredentials from './boto3-inline-credentials.js';
import cacheRedisNoTls from './cache-redis-no-tls.js';
import cookieDomainBroad from './cookie-domain-broad.js';
import coopInvalid from './coop-invalid.js';
import corsAllowAll from './cors-allow-all.js';
import corsCredentialsWildcard from './cors-credentials-wildcard.js';
import corsOriginNullOrHttp from './cors-origin-null-or-http.js';
import corsRegexPermissive from './cors-regex-permissive.js';
import cspUnsafeSource from './csp-unsafe-source.js';
import csrfCookieInsecure from './csrf-cookie-insecure.js';
import csrfMiddlewareMissing from './csrf-middleware-missing.js';
import csrfTrustedOriginsBroad from './csrf-trusted-origins-broad.js';
import dbHostPublicIp from './db-host-public-ip.js';
import dbPasswordHardcoded from './db-password-hardcoded.js';
import dbTlsDisabled from './db-tls-disabled.js';
import dbUrlCredentials from './db-url-credentials.js';
import developmentDefaultSettings from './development-default-settings.js';
import debugEnabled from './debug-enabled.js';
import debugEnvTruthyString from './debug-env-truthy-string.js';
import debugPropagateExceptions from './debug-propagate-exceptions.js';
import debugToolbarUnguarded from './debug-toolbar-unguarded.js';
import drfAllowanyDefault from './drf-allowany-default.js';
import dynamicSettings from './dynamic-settings.js';
import emailNoTls from './email-no-tls.js';
import emailPasswordHardcoded from './email-password-hardcoded.js';
import hstsMissing from './hsts-missing.js';
import hstsNoPreload from './hsts-no-preload.js';
import hstsNoSubdomains from './hsts-no-subdomains.js';
import hstsShort from './hsts-short.js';
import importCycle from './import-cycle.js';
import nosniffOff from './nosniff-off.js';
import passwordHasherWeak from './password-hasher-weak.js';
import passwordValidatorsMissing from './password-validators-missing.js';
import proxySslHeaderMalformed from './proxy-ssl-header-malformed.js';
import proxySslHeaderReview from './proxy-ssl-header-review.js';
import referrerPolicyInvalid from './referrer-policy-invalid.js';
import referrerPolicyMissing from './referrer-policy-missing.js';
import s3PublicAcl from './s3-public-acl.js';
import s3QuerystringAuthOff from './s3-querystring-auth-off.js';
import s3TlsOff from './s3-tls-off.js';
import samesiteNoneInsecure from './samesite-none-insecure.js';
import secretKeyEnvDefault from './secret-key-env-default.js';
import secretKeyFallbacksWeak from './secret-key-fallbacks-weak.js';
import secretKeyHardcoded from './secret-key-hardcoded.js';
import secretKeyWeak from './secret-key-weak.js';
import securityChecksSilenced from './security-checks-silenced.js';
import securityMiddlewareMissing from './security-middleware-missing.js';
import sessionCookieHttponlyOff from './session-cookie-httponly-off.js';
import sessionCookieInsecure from './session-cookie-insecure.js';
import sessionSerializerPickle from './session-serializer-pickle.js';
import sessionSignedCookies from './session-signed-cookies.js';
import sslRedirectExemptBroad from './ssl-redirect-exempt-broad.js';
import sslRedirectOff from './ssl-redirect-off.js';
import syntaxError from './syntax-error.js';
import templateDebug from './template-debug.js';
import templateSettings from './template-settings.js';
import thirdPartySecretLiteral from './third-party-secret-literal.js';
import unresolvedImport from './unresolved-import.js';
import unusedSuppression from './unused-suppression.js';
import uploadLimitsDisabled from './upload-limits-disabled.js';
import uploadPermissionsBroad from './upload-permissions-broad.js';
import useXForwardedHost from './use-x-forwarded-host.js';
import xframeMiddlewareMissing from './xframe-middleware-missing.js';
import xframeNotDeny from './xframe-not-deny.js';

export const rules = [
  syntaxError,
  unusedSuppression,
  templateSettings,
  importCycle,
  unresolvedImport,
  dynamicSettings,
  developmentDefaultSettings,
  debugEnabled,
  debugEnvTruthyString,
  debugPropagateExceptions,
  templateDebug,
  debugToolbarUnguarded,
  secretKeyHardcoded,
  secretKeyWeak,
  secretKeyEnvDefault,
  secretKeyFallbacksWeak,
  dbPasswordHardcoded,
  dbUrlCredentials,
  emailPasswordHardcoded,
  awsAccessKeyLiteral,
  awsSecretKeyLiteral,
  boto3InlineCredentials,
  thirdPartySecretLiteral,
  securityMiddlewareMissing,
  sslRedirectOff,
  hstsMissing,
  hstsNoSubdomains,
  hstsNoPreload,
  hstsShort,
  nosniffOff,
  xframeMiddlewareMissing,
  xframeNotDeny,
  referrerPolicyMissing,
  referrerPolicyInvalid,
  coopInvalid,
  proxySslHeaderMalformed,
  proxySslHeaderReview,
  sslRedirectExemptBroad,
  cspUnsafeSource,
  sessionCookieInsecure,
  sessionCookieHttponlyOff,
  csrfCookieInsecure,
  csrfMiddlewareMissing,
  csrfTrustedOriginsBroad,
  samesiteNoneInsecure,
  sessionSerializerPickle,
  sessionSignedCookies,
  cookieDomainBroad,
  allowedHostsEmpty,
  allowedHostsWildcard,
  allowedHostsBroadSubdomain,
  useXForwardedHost,
  corsAllowAll,
  corsCredentialsWildcard,
  corsRegexPermissive,
  corsOriginNullOrHttp,
  passwordHasherWeak,
  passwordValidatorsMissing,
  drfAllowanyDefault,
  adminWithoutBruteForceProtection,
  dbHostPublicIp,
  dbTlsDisabled,
  cacheRedisNoTls,
  s3PublicAcl,
  s3QuerystringAuthOff,
  s3TlsOff,
  emailNoTls,
  uploadLimitsDisabled,
  uploadPermissionsBroad,
  securityChecksSilenced,
  asyncUnsafeEnabled,
  rdsPubliclyAccessible,
  rdsStorageUnencrypted,
  securityGroupDatabaseOpen,
  albHttpNotRedirected,
  dockerEnvFileCopied,
  dockerSecretInEnv,
  dockerDebugEnabled,
  elasticacheTransitUnencrypted,
  elasticacheAtRestUnencrypted,
  albTlsPolicyOutdated,
  albWithoutWaf,
  wafWithoutCoreRuleSet,
  wafAdminLoginNotRateLimited,
  iamAccessKey,
  iamPolicyWildcard,
  ssmSecretNotSecureString,
  rdsPublicSubnet,
  proxySslHeaderAppExposed,
] as const satisfies readonly Rule[];
