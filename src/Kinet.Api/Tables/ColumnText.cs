// Column descriptions shared by many resources (kube-apiserver takes them from the API types' documentation).
namespace Kinet.Api.Tables;

internal static class ColumnText
{
    public const string Name = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    public const string CreationTimestamp = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
    public const string ContainerNames = "Names of each container in the template.";
    public const string ContainerImages = "Images referenced by each container in the template.";

    public static TableColumn NameColumn { get; } = new("Name", "string", Name, Format: "name");
    public static TableColumn AgeColumn { get; } = new("Age", "string", CreationTimestamp);
}
