/**
 * The 19-table contract of SCHEMA.md as code: tables, columns, types, grains and public domains. Depends on nothing.
 */
package org.telesynth.schema;
