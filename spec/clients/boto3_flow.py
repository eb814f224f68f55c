"""The client flows of spec/clients.spec.ts through boto3. Each prints one JSON object with what each step returned.

Environment: ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, DOMAIN (the domain name to use).
"""
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main():
    es = boto3.client(
        "es",
        endpoint_url=os.environ["ENDPOINT"],
        region_name="us-east-1",
        config=Config(retries={"max_attempts": 1}),
    )
    name = os.environ["DOMAIN"]
    out = {}
    created = es.create_elasticsearch_domain(
        DomainName=name,
        ElasticsearchVersion="7.10",
        ElasticsearchClusterConfig={"InstanceType": "m5.large.elasticsearch", "InstanceCount": 1},
        EBSOptions={"EBSEnabled": True, "VolumeType": "gp2", "VolumeSize": 10},
    )
    out["created"] = {"name": created["DomainStatus"]["DomainName"], "processing": created["DomainStatus"]["Processing"]}
    described = es.describe_elasticsearch_domain(DomainName=name)["DomainStatus"]
    out["described"] = {"arn": described["ARN"], "version": described["ElasticsearchVersion"]}
    arn = described["ARN"]
    updated = es.update_elasticsearch_domain_config(
        DomainName=name, ElasticsearchClusterConfig={"InstanceCount": 2}
    )
    out["updatedCount"] = updated["DomainConfig"]["ElasticsearchClusterConfig"]["Options"]["InstanceCount"]
    es.add_tags(ARN=arn, TagList=[{"Key": "team", "Value": "search"}])
    out["tags"] = es.list_tags(ARN=arn)["TagList"]
    es.remove_tags(ARN=arn, TagKeys=["team"])
    out["tagsAfterRemove"] = es.list_tags(ARN=arn)["TagList"]
    out["names"] = [d["DomainName"] for d in es.list_domain_names()["DomainNames"]]
    check = es.upgrade_elasticsearch_domain(DomainName=name, TargetVersion="OpenSearch_1.3", PerformCheckOnly=True)
    out["upgradeCheck"] = {"target": check["TargetVersion"], "checkOnly": check["PerformCheckOnly"]}
    package = es.create_package(
        PackageName=name + "-synonyms",
        PackageType="TXT-DICTIONARY",
        PackageSource={"S3BucketName": "my-bucket", "S3Key": "synonyms.txt"},
    )["PackageDetails"]
    out["packageName"] = package["PackageName"]
    described_packages = es.describe_packages(Filters=[{"Name": "PackageID", "Value": [package["PackageID"]]}])
    out["describedPackages"] = [p["PackageID"] for p in described_packages["PackageDetailsList"]] == [package["PackageID"]]
    es.delete_package(PackageID=package["PackageID"])
    out["deleted"] = es.delete_elasticsearch_domain(DomainName=name)["DomainStatus"]["Deleted"]
    try:
        es.describe_elasticsearch_domain(DomainName=name)
        out["missing"] = None
    except ClientError as error:
        out["missing"] = {
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "modelled": isinstance(error, es.exceptions.ResourceNotFoundException),
        }
    out["serviceRole"] = {k: v for k, v in es.delete_elasticsearch_service_role().items() if k != "ResponseMetadata"}
    json.dump(out, sys.stdout)


def denied():
    """With a read-only principal: listing works, creating is refused by IAM."""
    es = boto3.client("es", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
    out = {"names": [d["DomainName"] for d in es.list_domain_names()["DomainNames"]]}
    try:
        es.create_elasticsearch_domain(DomainName=os.environ["DOMAIN"])
        out["create"] = None
    except ClientError as error:
        out["create"] = {
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    denied() if len(sys.argv) > 1 and sys.argv[1] == "denied" else main()
