// Domains under which anyone can get a name (an app, a bucket, a load balancer): a cookie or a
// trust rule scoped to one of them reaches other customers' sites. The usual hosting suffixes of
// the Public Suffix List.
export const SHARED_HOSTING_SUFFIXES: readonly string[] = [
  'amazonaws.com', 'elasticbeanstalk.com', 'cloudfront.net', 'awsapprunner.com', 'amplifyapp.com',
  'herokuapp.com', 'herokudns.com', 'azurewebsites.net', 'cloudapp.net', 'cloudapp.azure.com', 'azurestaticapps.net',
  'azurefd.net', 'trafficmanager.net', 'appspot.com', 'run.app', 'web.app', 'firebaseapp.com',
  'cloudfunctions.net', 'vercel.app', 'now.sh', 'netlify.app', 'github.io', 'gitlab.io', 'pages.dev',
  'workers.dev', 'onrender.com', 'fly.dev', 'railway.app', 'up.railway.app', 'ngrok.io', 'ngrok.app',
  'ngrok-free.app', 'pythonanywhere.com', 'ondigitalocean.app', 'digitaloceanspaces.com',
  'trycloudflare.com', 'glitch.me', 'repl.co', 'replit.dev', 'blogspot.com',
];

/**
 * True when `domain` (no leading dot, lower case) is itself a shared suffix: one of the list, an
 * AWS service or region level under amazonaws.com (elb.amazonaws.com,
 * eu-west-1.elb.amazonaws.com), or a region under Elastic Beanstalk. A name one level below (one
 * customer's app, myapp.herokuapp.com) is not.
 */
export function isSharedHostingSuffix(domain: string): boolean {
  if (SHARED_HOSTING_SUFFIXES.includes(domain)) return true;
  if (domain.endsWith('.amazonaws.com') && domain.split('.').length <= 4) return true;
  return /^[a-z]{2}-[a-z]+-\d+\.elasticbeanstalk\.com$/.test(domain);
}
