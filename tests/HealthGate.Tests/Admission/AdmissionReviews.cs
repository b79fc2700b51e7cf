using System.Text.Json.Nodes;

namespace HealthGate.Tests.Admission;

/// <summary>
/// AdmissionReview requests shaped as the API server sends them to a v1 validating webhook: the request's uid,
/// kind/resource and their request* twins, name, namespace, operation, userInfo, the object (a full apps/v1
/// Deployment with managed fields) and the old object of an update, dryRun and the operation's options.
/// </summary>
internal static class AdmissionReviews
{
    public static JsonObject Review(string operation, JsonObject? labels, bool dryRun = false, string uid = "705ab4f5-6393-11e8-b7cc-42010a800002", string name = "executor")
    {
        var kind = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["kind"] = "Deployment" };
        var resource = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["resource"] = "deployments" };
        return new JsonObject
        {
            ["kind"] = "AdmissionReview",
            ["apiVersion"] = "admission.k8s.io/v1",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = kind,
                ["resource"] = resource,
                ["requestKind"] = kind.DeepClone(),
                ["requestResource"] = resource.DeepClone(),
                ["name"] = name,
                ["namespace"] = "trading",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject
                {
                    ["username"] = "system:serviceaccount:ci:deployer",
                    ["uid"] = "e1f2a3b4-0000-4000-8000-000000000001",
                    ["groups"] = new JsonArray("system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"),
                },
                ["object"] = operation == "DELETE" ? null : Deployment(name, labels, image: "registry.example.com/executor:2.4.1"),
                ["oldObject"] = operation is "UPDATE" or "DELETE" ? Deployment(name, labels?.DeepClone().AsObject(), image: "registry.example.com/executor:2.4.0") : null,
                ["dryRun"] = dryRun,
                ["options"] = new JsonObject
                {
                    ["kind"] = operation switch { "CREATE" => "CreateOptions", "UPDATE" => "UpdateOptions", _ => "DeleteOptions" },
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["fieldManager"] = "kubectl-client-side-apply",
                },
            },
        };
    }

    public static JsonObject Labels(string? mode, string? desk = null)
    {
        var labels = new JsonObject { ["app.kubernetes.io/name"] = "executor" };
        if (mode is not null)
        {
            labels["healthgate.io/mode"] = mode;
        }

        if (desk is not null)
        {
            labels["healthgate.io/desk"] = desk;
        }

        return labels;
    }

    private static JsonObject Deployment(string name, JsonObject? labels, string image)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "trading",
            ["uid"] = "3c8b9e1a-7d2f-4b6a-9e0c-5f4d3c2b1a00",
            ["generation"] = 3,
            ["creationTimestamp"] = "2026-12-01T08:00:00Z",
            ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "3" },
            ["managedFields"] = new JsonArray(new JsonObject
            {
                ["manager"] = "kubectl-client-side-apply",
                ["operation"] = "Update",
                ["apiVersion"] = "apps/v1",
                ["time"] = "2026-12-01T08:00:00Z",
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = new JsonObject { ["f:metadata"] = new JsonObject { ["f:labels"] = new JsonObject { ["."] = new JsonObject() } } },
            }),
        };
        if (labels is not null)
        {
            metadata["labels"] = labels;
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = name } },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = image, ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8001 }) }),
                    },
                },
            },
            ["status"] = new JsonObject(),
        };
    }
}
