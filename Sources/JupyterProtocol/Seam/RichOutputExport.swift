// Messages carry JSON values and MIME bundles in their content: every user of the protocol sees those
// types through this module, as if they were declared here.
@_exported import RichOutput
