/**
 * The part of `yaml` FlowForge uses. Built into its own file (dist/vendor/yaml.js, see
 * esbuild.config.mjs) and required on first use by ../yamlDoc.ts, so activation does not load it.
 * Imports npm packages only: a src/ module here would exist twice (the build rejects it).
 */
export { parseAllDocuments } from 'yaml';
