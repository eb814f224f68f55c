import assert from 'node:assert/strict';
import {
  AssociatePackageCommand,
  CreateElasticsearchDomainCommand,
  DeleteElasticsearchDomainCommand,
  CreatePackageCommand,
  DeletePackageCommand,
  DescribePackagesCommand,
  DissociatePackageCommand,
  GetPackageVersionHistoryCommand,
  ListDomainsForPackageCommand,
  ListPackagesForDomainCommand,
  UpdatePackageCommand,
} from '@aws-sdk/client-elasticsearch-service';
import type {
  DescribePackagesFilter,
  ElasticsearchServiceClient,
  PackageDetails,
} from '@aws-sdk/client-elasticsearch-service';
import { ManualClock, sequentialIds } from '../server/runtime';
import type { TestEmulator } from './support/emulator';
import { startClockedEmulator, startTestEmulator } from './support/emulator';
import { expectServiceError, serviceErrorOf } from './support/errors';

const processingMs = 60_000;
const source = { S3BucketName: 'my-dictionaries', S3Key: 'synonyms.txt' };

describe('packages', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;
  const clock = new ManualClock(Date.UTC(2026, 0, 1));

  before(async () => {
    emulator = await startClockedEmulator(clock, processingMs);
    client = emulator.client();
  });
  after(() => emulator.stop());

  async function createDomain(name: string): Promise<void> {
    await client.send(
      new CreateElasticsearchDomainCommand({
        DomainName: name,
        ElasticsearchVersion: '7.10',
        EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
      }),
    );
  }

  async function createPackage(name: string, settle = true): Promise<PackageDetails> {
    const { PackageDetails: details } = await client.send(
      new CreatePackageCommand({ PackageName: name, PackageType: 'TXT-DICTIONARY', PackageSource: source }),
    );
    if (settle) clock.advance(processingMs);
    return details!;
  }

  describe('CreatePackage', () => {
    it('answers the package being copied, with an id in AWS form, then it becomes AVAILABLE with v1', async () => {
      const createdAt = clock.now();
      const { PackageDetails: created } = await client.send(
        new CreatePackageCommand({
          PackageName: 'synonyms',
          PackageType: 'TXT-DICTIONARY',
          PackageDescription: 'Our synonyms',
          PackageSource: source,
        }),
      );
      assert.match(created!.PackageID!, /^F[1-9][0-9]{8}$/);
      assert.equal(created!.PackageName, 'synonyms');
      assert.equal(created!.PackageType, 'TXT-DICTIONARY');
      assert.equal(created!.PackageDescription, 'Our synonyms');
      assert.equal(created!.PackageStatus, 'COPYING');
      assert.equal(created!.AvailablePackageVersion, undefined);
      assert.deepEqual(created!.CreatedAt, new Date(createdAt));

      const filter = [{ Name: 'PackageID' as const, Value: [created!.PackageID!] }];
      const copying = await client.send(new DescribePackagesCommand({ Filters: filter }));
      assert.equal(copying.PackageDetailsList![0]!.PackageStatus, 'COPYING');

      clock.advance(processingMs);
      const available = await client.send(new DescribePackagesCommand({ Filters: filter }));
      assert.equal(available.PackageDetailsList![0]!.PackageStatus, 'AVAILABLE');
      assert.equal(available.PackageDetailsList![0]!.AvailablePackageVersion, 'v1');
    });

    it('refuses a name the account already uses in the region', async () => {
      await createPackage('stopwords');
      await expectServiceError(() => createPackage('stopwords'), {
        name: 'ResourceAlreadyExistsException',
        status: 409,
        message: 'Package with name stopwords already exists',
      });
    });

    it('refuses a source that names no S3 object, storing nothing', async () => {
      // The model bounds no S3Key's length: an empty key, which names no object either, is refused as a missing one.
      for (const PackageSource of [
        { S3BucketName: 'my-dictionaries' },
        { S3BucketName: 'my-dictionaries', S3Key: '' },
      ]) {
        await expectServiceError(
          () =>
            client.send(
              new CreatePackageCommand({
                PackageName: 'sourceless',
                PackageType: 'TXT-DICTIONARY',
                PackageSource,
              }),
            ),
          {
            name: 'ValidationException',
            status: 400,
            message: 'PackageSource must name the S3 object of the package: S3Key missing',
          },
        );
      }
      const { PackageDetailsList } = await client.send(
        new DescribePackagesCommand({ Filters: [{ Name: 'PackageName', Value: ['sourceless'] }] }),
      );
      assert.deepEqual(PackageDetailsList, []);
    });

    it('refuses a package name outside the model constraints with a ValidationException', async () => {
      await expectServiceError(() => createPackage('No'), {
        name: 'ValidationException',
        status: 400,
        message: /packageName/,
      });
    });
  });

  describe('DescribePackages', () => {
    let ids: string[];
    before(async () => {
      ids = [];
      for (const name of ['filter-alpha', 'filter-beta', 'filter-gamma'])
        ids.push((await createPackage(name)).PackageID!);
      await createPackage('filter-delta', false);
    });

    async function names(filters: DescribePackagesFilter[]) {
      const { PackageDetailsList } = await client.send(new DescribePackagesCommand({ Filters: filters }));
      return PackageDetailsList!.map((details) => details.PackageName);
    }

    it('filters by name with any of the values, and with * and ? wildcards', async () => {
      assert.deepEqual(await names([{ Name: 'PackageName', Value: ['filter-alpha', 'filter-gamma'] }]), [
        'filter-alpha',
        'filter-gamma',
      ]);
      assert.deepEqual(await names([{ Name: 'PackageName', Value: ['filter-*a'] }]), [
        'filter-alpha',
        'filter-beta',
        'filter-gamma',
        'filter-delta',
      ]);
      assert.deepEqual(await names([{ Name: 'PackageName', Value: ['filter-bet?'] }]), ['filter-beta']);
    });

    it('matches a value of thousands of stars without backtracking (a RegExp of them stalled the server)', async () => {
      assert.deepEqual(await names([{ Name: 'PackageName', Value: [`${'*'.repeat(20_000)}x`] }]), []);
      assert.deepEqual(await names([{ Name: 'PackageName', Value: [`f${'*'.repeat(20_000)}ta`] }]), [
        'filter-beta',
        'filter-delta',
      ]);
    });

    it('filters by id and by status, every filter applying', async () => {
      assert.deepEqual(await names([{ Name: 'PackageID', Value: [ids[1]!] }]), ['filter-beta']);
      assert.deepEqual(
        await names([
          { Name: 'PackageName', Value: ['filter-*'] },
          { Name: 'PackageStatus', Value: ['COPYING'] },
        ]),
        ['filter-delta'],
      );
      assert.deepEqual(await names([{ Name: 'PackageID', Value: ['F000000000'] }]), []);
    });

    it('ignores a filter without a name or without values, and refuses an empty list of values', async () => {
      // The model leaves both members of a filter optional. AWS's answer to a filter lacking one was not found:
      // here it restricts nothing, and the filters beside it still apply.
      assert.deepEqual(
        await names([{ Name: 'PackageName' }, { Name: 'PackageName', Value: ['filter-bet?'] }]),
        ['filter-beta'],
      );
      assert.deepEqual(
        await names([{ Value: ['no-such-package'] }, { Name: 'PackageName', Value: ['filter-bet?'] }]),
        ['filter-beta'],
      );
      // The model's DescribePackagesFilterValues holds at least one value.
      await expectServiceError(
        () => client.send(new DescribePackagesCommand({ Filters: [{ Name: 'PackageName', Value: [] }] })),
        {
          name: 'ValidationException',
          status: 400,
          message:
            "1 validation error detected: Value '[]' at 'filters.1.member.value' failed to satisfy constraint: Member must have length greater than or equal to 1",
        },
      );
    });

    it('pages across pages with an opaque NextToken', async () => {
      const filters = [{ Name: 'PackageName' as const, Value: ['filter-*'] }];
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(
          new DescribePackagesCommand({ Filters: filters, MaxResults: 3, NextToken }),
        );
        seen.push(...page.PackageDetailsList!.map((details) => details.PackageName!));
        NextToken = page.NextToken;
        pages++;
      } while (NextToken);
      assert.equal(pages, 2);
      assert.deepEqual(seen, ['filter-alpha', 'filter-beta', 'filter-gamma', 'filter-delta']);
    });

    it('refuses a forged NextToken with the ValidationException the operation declares', async () => {
      await expectServiceError(() => client.send(new DescribePackagesCommand({ NextToken: 'forged' })), {
        name: 'ValidationException',
        status: 400,
        message: 'The pagination token is invalid.',
      });
    });

    it('goes on from the next package when those listed were deleted since (a clean-up), and ends without an error when nothing follows', async () => {
      const shrinkIds: string[] = [];
      for (const name of ['shrink-one', 'shrink-two', 'shrink-three', 'shrink-four', 'shrink-five'])
        shrinkIds.push((await createPackage(name)).PackageID!);
      const Filters = [{ Name: 'PackageName' as const, Value: ['shrink-*'] }];
      const names = (page: { PackageDetailsList?: { PackageName?: string }[] }) =>
        (page.PackageDetailsList ?? []).map((details) => details.PackageName);
      const first = await client.send(new DescribePackagesCommand({ Filters, MaxResults: 2 }));
      assert.deepEqual(names(first), ['shrink-one', 'shrink-two']);
      assert.ok(first.NextToken);
      const nextPage = () =>
        client.send(new DescribePackagesCommand({ Filters, MaxResults: 2, NextToken: first.NextToken }));

      // The page listed is deleted, as a clean-up does: the next page is the next two, none skipped (a count of
      // items would have skipped them).
      for (const PackageID of shrinkIds.slice(0, 2))
        await client.send(new DeletePackageCommand({ PackageID }));
      const second = await nextPage();
      assert.deepEqual(names(second), ['shrink-three', 'shrink-four']);
      assert.ok(second.NextToken);

      // The package that came next is gone too: the walk goes on at the first one after it still listed.
      await client.send(new DeletePackageCommand({ PackageID: shrinkIds[2]! }));
      assert.deepEqual(names(await nextPage()), ['shrink-four', 'shrink-five']);

      // Nothing after the token's place is left: the listing ends, without an error.
      for (const PackageID of shrinkIds.slice(3)) await client.send(new DeletePackageCommand({ PackageID }));
      const pastTheEnd = await nextPage();
      assert.deepEqual(pastTheEnd.PackageDetailsList, []);
      assert.equal(pastTheEnd.NextToken, undefined);
    });
  });

  describe('UpdatePackage and GetPackageVersionHistory', () => {
    it('adds v2, v3 with their commit messages, copied before they become available', async () => {
      const { PackageID } = await createPackage('versioned');
      const { PackageDetails: updated } = await client.send(
        new UpdatePackageCommand({
          PackageID,
          PackageSource: { ...source, S3Key: 'synonyms-2.txt' },
          CommitMessage: 'More synonyms',
          PackageDescription: 'Second cut',
        }),
      );
      assert.equal(updated!.PackageStatus, 'COPYING');
      assert.equal(updated!.AvailablePackageVersion, 'v1');
      assert.equal(updated!.PackageDescription, 'Second cut');
      clock.advance(processingMs);
      await client.send(
        new UpdatePackageCommand({ PackageID, PackageSource: source, CommitMessage: 'Third' }),
      );
      clock.advance(processingMs);

      const { PackageDetailsList } = await client.send(
        new DescribePackagesCommand({ Filters: [{ Name: 'PackageID', Value: [PackageID!] }] }),
      );
      assert.equal(PackageDetailsList![0]!.AvailablePackageVersion, 'v3');
      // An update without PackageDescription keeps the one the package has.
      assert.equal(PackageDetailsList![0]!.PackageDescription, 'Second cut');

      const history = await client.send(new GetPackageVersionHistoryCommand({ PackageID }));
      assert.equal(history.PackageID, PackageID);
      assert.deepEqual(
        history.PackageVersionHistoryList!.map((entry) => [entry.PackageVersion, entry.CommitMessage]),
        [
          ['v3', 'Third'],
          ['v2', 'More synonyms'],
          ['v1', undefined],
        ],
      );

      const first = await client.send(new GetPackageVersionHistoryCommand({ PackageID, MaxResults: 2 }));
      assert.equal(first.PackageVersionHistoryList!.length, 2);
      const second = await client.send(
        new GetPackageVersionHistoryCommand({ PackageID, MaxResults: 2, NextToken: first.NextToken }),
      );
      assert.deepEqual(
        second.PackageVersionHistoryList!.map((entry) => entry.PackageVersion),
        ['v1'],
      );
      assert.equal(second.NextToken, undefined);
    });

    it('answers ResourceNotFoundException for an unknown package', async () => {
      const expected = {
        name: 'ResourceNotFoundException',
        status: 409,
        message: 'Package not found: F999999999',
      };
      await expectServiceError(
        () => client.send(new UpdatePackageCommand({ PackageID: 'F999999999', PackageSource: source })),
        expected,
      );
      await expectServiceError(
        () => client.send(new GetPackageVersionHistoryCommand({ PackageID: 'F999999999' })),
        expected,
      );
    });

    it('refuses a token of another package history', async () => {
      const { PackageID } = await createPackage('history-a');
      await client.send(new UpdatePackageCommand({ PackageID, PackageSource: source }));
      const other = await createPackage('history-b');
      await client.send(new UpdatePackageCommand({ PackageID: other.PackageID, PackageSource: source }));
      const page = await client.send(new GetPackageVersionHistoryCommand({ PackageID, MaxResults: 1 }));
      assert.ok(page.NextToken);
      const error = await serviceErrorOf(() =>
        client.send(
          new GetPackageVersionHistoryCommand({
            PackageID: other.PackageID,
            MaxResults: 1,
            NextToken: page.NextToken,
          }),
        ),
      );
      assert.equal(error.name, 'ValidationException');
    });
  });

  describe('associations', () => {
    it('associates (ASSOCIATING, then ACTIVE), lists both ways, dissociates (DISSOCIATING, then gone)', async () => {
      await createDomain('search-one');
      const { PackageID } = await createPackage('assoc-synonyms');
      const associated = await client.send(
        new AssociatePackageCommand({ PackageID, DomainName: 'search-one' }),
      );
      assert.deepEqual(associated.DomainPackageDetails, {
        PackageID,
        PackageName: 'assoc-synonyms',
        PackageType: 'TXT-DICTIONARY',
        LastUpdated: new Date(clock.now()),
        DomainName: 'search-one',
        DomainPackageStatus: 'ASSOCIATING',
        PackageVersion: 'v1',
        ReferencePath: `analyzers/${PackageID}`,
      });

      const during = await client.send(new ListPackagesForDomainCommand({ DomainName: 'search-one' }));
      assert.equal(during.DomainPackageDetailsList![0]!.DomainPackageStatus, 'ASSOCIATING');
      const associatedAt = clock.now();
      clock.advance(processingMs + 5_000);
      const forPackage = await client.send(new ListDomainsForPackageCommand({ PackageID }));
      assert.deepEqual(
        forPackage.DomainPackageDetailsList!.map((details) => [
          details.DomainName,
          details.DomainPackageStatus,
          details.LastUpdated?.getTime(),
        ]),
        // Last updated when it became ACTIVE, not when it was asked for.
        [['search-one', 'ACTIVE', associatedAt + processingMs]],
      );

      const dissociated = await client.send(
        new DissociatePackageCommand({ PackageID, DomainName: 'search-one' }),
      );
      assert.equal(dissociated.DomainPackageDetails!.DomainPackageStatus, 'DISSOCIATING');
      const dissociating = await client.send(new ListPackagesForDomainCommand({ DomainName: 'search-one' }));
      assert.equal(dissociating.DomainPackageDetailsList![0]!.DomainPackageStatus, 'DISSOCIATING');
      clock.advance(processingMs);
      const afterDissociation = await client.send(
        new ListPackagesForDomainCommand({ DomainName: 'search-one' }),
      );
      assert.deepEqual(afterDissociation.DomainPackageDetailsList, []);
    });

    it("keeps an association stored without its domain's mark, as the first builds stored them", async () => {
      await createDomain('search-unmarked');
      const { PackageID, PackageName } = await createPackage('unmarked');
      // The document those builds wrote: neither the domain's endpoint id nor its creation time.
      emulator.store.resources.insert(
        { account: emulator.config.accountId, region: emulator.region },
        'package-association',
        `${PackageID}/search-unmarked`,
        PackageID!,
        {
          PackageID,
          DomainName: 'search-unmarked',
          PackageVersion: 'v1',
          phase: 'associate',
          startedAtMs: clock.now() - processingMs,
        },
      );
      const listed = await client.send(new ListPackagesForDomainCommand({ DomainName: 'search-unmarked' }));
      assert.deepEqual(
        listed.DomainPackageDetailsList!.map((details) => [details.PackageName, details.DomainPackageStatus]),
        [[PackageName, 'ACTIVE']],
      );
      // Still there on the next read (the read before removed it), and dissociated as any other.
      const dissociated = await client.send(
        new DissociatePackageCommand({ PackageID, DomainName: 'search-unmarked' }),
      );
      assert.equal(dissociated.DomainPackageDetails!.DomainPackageStatus, 'DISSOCIATING');
    });

    it('refuses to associate twice: ConflictException `Package is already in desired state`', async () => {
      await createDomain('search-twice');
      const { PackageID } = await createPackage('twice');
      await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-twice' }));
      await expectServiceError(
        () => client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-twice' })),
        { name: 'ConflictException', status: 409, message: 'Package is already in desired state' },
      );
    });

    it('applies a newer version by associating again', async () => {
      await createDomain('search-update');
      const { PackageID } = await createPackage('applied');
      await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-update' }));
      clock.advance(processingMs);
      await client.send(new UpdatePackageCommand({ PackageID, PackageSource: source }));
      clock.advance(processingMs);
      const again = await client.send(
        new AssociatePackageCommand({ PackageID, DomainName: 'search-update' }),
      );
      assert.equal(again.DomainPackageDetails!.PackageVersion, 'v2');
      assert.equal(again.DomainPackageDetails!.DomainPackageStatus, 'ASSOCIATING');
    });

    it('refuses to associate a package while it is being dissociated, even to apply a newer version', async () => {
      await createDomain('search-leaving');
      const { PackageID } = await createPackage('leaving');
      await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-leaving' }));
      clock.advance(processingMs);
      // v2 is available: associating an associated package would apply it (the test above).
      await client.send(new UpdatePackageCommand({ PackageID, PackageSource: source }));
      clock.advance(processingMs);
      await client.send(new DissociatePackageCommand({ PackageID, DomainName: 'search-leaving' }));
      await expectServiceError(
        () => client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-leaving' })),
        {
          name: 'ConflictException',
          status: 409,
          message: `Package ${PackageID} is being dissociated from domain search-leaving. Associate it again once it is gone.`,
        },
      );
      const { DomainPackageDetailsList } = await client.send(
        new ListPackagesForDomainCommand({ DomainName: 'search-leaving' }),
      );
      assert.deepEqual(
        DomainPackageDetailsList!.map((details) => [details.DomainPackageStatus, details.PackageVersion]),
        [['DISSOCIATING', 'v1']],
      );
      clock.advance(processingMs);
      const again = await client.send(
        new AssociatePackageCommand({ PackageID, DomainName: 'search-leaving' }),
      );
      assert.equal(again.DomainPackageDetails!.DomainPackageStatus, 'ASSOCIATING');
      assert.equal(again.DomainPackageDetails!.PackageVersion, 'v2');
    });

    it('associates a package still being copied: ASSOCIATING until its copy and the association are done', async () => {
      // Scripts in production associate right after CreatePackage, then wait for ACTIVE.
      await createDomain('search-early');
      const copying = await createPackage('still-copying', false);
      const { PackageID } = copying;
      const created = clock.now();
      const early = await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-early' }));
      assert.equal(early.DomainPackageDetails!.DomainPackageStatus, 'ASSOCIATING');
      assert.equal(early.DomainPackageDetails!.PackageVersion, 'v1');
      // The copy ends after one processing time, the association after another.
      clock.advance(processingMs);
      const listed = async () =>
        (await client.send(new ListPackagesForDomainCommand({ DomainName: 'search-early' })))
          .DomainPackageDetailsList![0]!;
      assert.equal((await listed()).DomainPackageStatus, 'ASSOCIATING');
      clock.advance(processingMs);
      const active = await listed();
      assert.equal(active.DomainPackageStatus, 'ACTIVE');
      // The model: "Timestamp of the most-recent update to the association status".
      assert.equal(active.LastUpdated?.getTime(), created + 2 * processingMs);
    });

    it('associates the version UpdatePackage is copying, right after the update', async () => {
      await createDomain('search-right-after');
      const { PackageID } = await createPackage('right-after');
      await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-right-after' }));
      clock.advance(processingMs);
      await client.send(new UpdatePackageCommand({ PackageID, PackageSource: source }));
      const again = await client.send(
        new AssociatePackageCommand({ PackageID, DomainName: 'search-right-after' }),
      );
      assert.equal(again.DomainPackageDetails!.PackageVersion, 'v2');
      assert.equal(again.DomainPackageDetails!.DomainPackageStatus, 'ASSOCIATING');
      clock.advance(processingMs);
      const { DomainPackageDetailsList } = await client.send(new ListDomainsForPackageCommand({ PackageID }));
      assert.deepEqual(
        DomainPackageDetailsList!.map((details) => [details.DomainPackageStatus, details.PackageVersion]),
        [['ASSOCIATING', 'v2']],
      );
      clock.advance(processingMs);
      await expectServiceError(
        () => client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-right-after' })),
        { name: 'ConflictException', status: 409, message: 'Package is already in desired state' },
      );
    });

    it('refuses a dissociation twice and a missing association', async () => {
      await createDomain('search-refusals');
      const { PackageID } = await createPackage('refused');
      await expectServiceError(
        () => client.send(new DissociatePackageCommand({ PackageID, DomainName: 'search-refusals' })),
        // AWS's answer (terraform-provider-aws matches it in its package association delete).
        { name: 'ValidationException', status: 400, message: 'Package is not associated to this domain' },
      );
      await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-refusals' }));
      await client.send(new DissociatePackageCommand({ PackageID, DomainName: 'search-refusals' }));
      await expectServiceError(
        () => client.send(new DissociatePackageCommand({ PackageID, DomainName: 'search-refusals' })),
        { name: 'ConflictException', status: 409, message: 'Package is already in desired state' },
      );
    });

    it('answers ResourceNotFoundException for an unknown domain or package', async () => {
      const { PackageID } = await createPackage('lonely');
      const noDomain = {
        name: 'ResourceNotFoundException',
        status: 409,
        message: 'Domain not found: nowhere',
      };
      await expectServiceError(
        () => client.send(new AssociatePackageCommand({ PackageID, DomainName: 'nowhere' })),
        noDomain,
      );
      await expectServiceError(
        () => client.send(new DissociatePackageCommand({ PackageID, DomainName: 'nowhere' })),
        noDomain,
      );
      await expectServiceError(
        () => client.send(new ListPackagesForDomainCommand({ DomainName: 'nowhere' })),
        noDomain,
      );
      await createDomain('search-known');
      const noPackage = {
        name: 'ResourceNotFoundException',
        status: 409,
        message: 'Package not found: F123456789',
      };
      await expectServiceError(
        () =>
          client.send(new AssociatePackageCommand({ PackageID: 'F123456789', DomainName: 'search-known' })),
        noPackage,
      );
      await expectServiceError(
        () => client.send(new ListDomainsForPackageCommand({ PackageID: 'F123456789' })),
        noPackage,
      );
    });

    it('pages the domains of a package and the packages of a domain', async () => {
      const { PackageID } = await createPackage('widely-used');
      const domains = ['page-a', 'page-b', 'page-c'];
      for (const domain of domains) {
        await createDomain(domain);
        await client.send(new AssociatePackageCommand({ PackageID, DomainName: domain }));
      }
      const first = await client.send(new ListDomainsForPackageCommand({ PackageID, MaxResults: 2 }));
      const second = await client.send(
        new ListDomainsForPackageCommand({ PackageID, MaxResults: 2, NextToken: first.NextToken }),
      );
      assert.deepEqual(
        [...first.DomainPackageDetailsList!, ...second.DomainPackageDetailsList!].map(
          (details) => details.DomainName,
        ),
        domains,
      );
      assert.equal(second.NextToken, undefined);

      for (const name of ['on-page-a-1', 'on-page-a-2']) {
        const pkg = await createPackage(name);
        await client.send(new AssociatePackageCommand({ PackageID: pkg.PackageID, DomainName: 'page-a' }));
      }
      const packagesFirst = await client.send(
        new ListPackagesForDomainCommand({ DomainName: 'page-a', MaxResults: 2 }),
      );
      const packagesSecond = await client.send(
        new ListPackagesForDomainCommand({
          DomainName: 'page-a',
          MaxResults: 2,
          NextToken: packagesFirst.NextToken,
        }),
      );
      assert.deepEqual(
        [...packagesFirst.DomainPackageDetailsList!, ...packagesSecond.DomainPackageDetailsList!].map(
          (details) => details.PackageName,
        ),
        ['widely-used', 'on-page-a-1', 'on-page-a-2'],
      );
      const forged = await serviceErrorOf(() =>
        client.send(new ListPackagesForDomainCommand({ DomainName: 'page-a', NextToken: first.NextToken })),
      );
      assert.equal(forged.name, 'ValidationException');
      assert.equal(forged.status, 400);
    });
  });

  describe('DeletePackage', () => {
    it('refuses while the package is associated, then deletes it once dissociated', async () => {
      await createDomain('search-delete');
      const { PackageID } = await createPackage('doomed');
      await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-delete' }));
      await expectServiceError(() => client.send(new DeletePackageCommand({ PackageID })), {
        name: 'ConflictException',
        status: 409,
        message: `Package ${PackageID} is associated with domains (search-delete). Dissociate it before deleting it.`,
      });
      await client.send(new DissociatePackageCommand({ PackageID, DomainName: 'search-delete' }));
      // Still DISSOCIATING: still refused.
      assert.equal(
        (await serviceErrorOf(() => client.send(new DeletePackageCommand({ PackageID })))).name,
        'ConflictException',
      );
      clock.advance(processingMs);

      const { PackageDetails: deleted } = await client.send(new DeletePackageCommand({ PackageID }));
      assert.equal(deleted!.PackageID, PackageID);
      assert.equal(deleted!.PackageStatus, 'DELETING');
      const { PackageDetailsList } = await client.send(
        new DescribePackagesCommand({ Filters: [{ Name: 'PackageID', Value: [PackageID!] }] }),
      );
      assert.deepEqual(PackageDetailsList, []);
      await expectServiceError(() => client.send(new DeletePackageCommand({ PackageID })), {
        name: 'ResourceNotFoundException',
        status: 409,
        message: `Package not found: ${PackageID}`,
      });
    });

    it('does not count the associations of a domain that was deleted since', async () => {
      await createDomain('search-vanishing');
      const { PackageID } = await createPackage('outlives-its-domain');
      await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-vanishing' }));
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'search-vanishing' }));
      // The deletion takes the processing time, as the domain's other changes do.
      clock.advance(processingMs);
      const { PackageDetails: deleted } = await client.send(new DeletePackageCommand({ PackageID }));
      assert.equal(deleted!.PackageStatus, 'DELETING');
    });

    it('does not carry an association over to a new domain of the same name', async () => {
      await createDomain('search-reborn');
      const { PackageID } = await createPackage('first-life');
      await client.send(new AssociatePackageCommand({ PackageID, DomainName: 'search-reborn' }));
      await client.send(new DeleteElasticsearchDomainCommand({ DomainName: 'search-reborn' }));
      clock.advance(processingMs);
      await createDomain('search-reborn');
      const { DomainPackageDetailsList } = await client.send(
        new ListPackagesForDomainCommand({ DomainName: 'search-reborn' }),
      );
      assert.deepEqual(DomainPackageDetailsList, []);
    });
  });
});

describe('packages with no processing delay (the default configuration)', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off', ids: sequentialIds() });
    client = emulator.client();
  });
  after(() => emulator.stop());

  it('answers each change as just submitted, and reads show it done at once', async () => {
    const { PackageDetails: created } = await client.send(
      new CreatePackageCommand({
        PackageName: 'instant',
        PackageType: 'TXT-DICTIONARY',
        PackageSource: source,
      }),
    );
    assert.equal(created!.PackageStatus, 'COPYING');
    assert.equal(created!.AvailablePackageVersion, undefined);
    const PackageID = created!.PackageID!;
    const described = await client.send(
      new DescribePackagesCommand({ Filters: [{ Name: 'PackageID', Value: [PackageID] }] }),
    );
    assert.equal(described.PackageDetailsList![0]!.PackageStatus, 'AVAILABLE');
    assert.equal(described.PackageDetailsList![0]!.AvailablePackageVersion, 'v1');

    const { PackageDetails: updated } = await client.send(
      new UpdatePackageCommand({ PackageID, PackageSource: source }),
    );
    assert.equal(updated!.PackageStatus, 'COPYING');
    assert.equal(updated!.AvailablePackageVersion, 'v1');

    await client.send(
      new CreateElasticsearchDomainCommand({
        DomainName: 'instant-domain',
        ElasticsearchVersion: '7.10',
        EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
      }),
    );
    const associated = await client.send(
      new AssociatePackageCommand({ PackageID, DomainName: 'instant-domain' }),
    );
    assert.equal(associated.DomainPackageDetails!.DomainPackageStatus, 'ASSOCIATING');
    assert.equal(associated.DomainPackageDetails!.PackageVersion, 'v2');
    const listed = await client.send(new ListDomainsForPackageCommand({ PackageID }));
    assert.equal(listed.DomainPackageDetailsList![0]!.DomainPackageStatus, 'ACTIVE');

    const dissociated = await client.send(
      new DissociatePackageCommand({ PackageID, DomainName: 'instant-domain' }),
    );
    assert.equal(dissociated.DomainPackageDetails!.DomainPackageStatus, 'DISSOCIATING');
    const afterDissociation = await client.send(
      new ListPackagesForDomainCommand({ DomainName: 'instant-domain' }),
    );
    assert.deepEqual(afterDissociation.DomainPackageDetailsList, []);
  });
});

describe('package quotas (AWS: 25 custom packages per Region, 20 per domain)', () => {
  let emulator: TestEmulator;
  let client: ElasticsearchServiceClient;

  before(async () => {
    emulator = await startTestEmulator({ iamMode: 'off', ids: sequentialIds() });
    client = emulator.client();
  });
  after(() => emulator.stop());

  async function createPackageIn(target: ElasticsearchServiceClient, name: string): Promise<string> {
    const { PackageDetails } = await target.send(
      new CreatePackageCommand({ PackageName: name, PackageType: 'TXT-DICTIONARY', PackageSource: source }),
    );
    return PackageDetails!.PackageID!;
  }

  async function packageCount(target: ElasticsearchServiceClient): Promise<number> {
    const { PackageDetailsList } = await target.send(new DescribePackagesCommand({ MaxResults: 100 }));
    return PackageDetailsList!.length;
  }

  it('refuses a 26th package of the account in the Region with LimitExceededException, storing nothing', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 25; index++) ids.push(await createPackageIn(client, `quota-${index}`));
    await expectServiceError(() => createPackageIn(client, 'quota-25'), {
      name: 'LimitExceededException',
      status: 409,
      message: 'You have reached the limit of 25 custom packages per account in us-east-1.',
    });
    assert.equal(await packageCount(client), 25);

    // The quota is the Region's: another Region of the account has its own 25.
    const elsewhere = emulator.client({ region: 'eu-west-1' });
    await createPackageIn(elsewhere, 'quota-25');
    assert.equal(await packageCount(elsewhere), 1);

    // A deleted package frees its place.
    await client.send(new DeletePackageCommand({ PackageID: ids[0]! }));
    await createPackageIn(client, 'quota-25');
    assert.equal(await packageCount(client), 25);
  });

  it('refuses a 21st package on one domain with the ValidationException AssociatePackage declares', async () => {
    const elsewhere = emulator.client({ region: 'ap-southeast-2' });
    await elsewhere.send(
      new CreateElasticsearchDomainCommand({
        DomainName: 'crowded',
        ElasticsearchVersion: '7.10',
        EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
      }),
    );
    const ids: string[] = [];
    for (let index = 0; index < 21; index++) ids.push(await createPackageIn(elsewhere, `dict-${index}`));
    for (const PackageID of ids.slice(0, 20))
      await elsewhere.send(new AssociatePackageCommand({ PackageID, DomainName: 'crowded' }));
    const associated = async () =>
      (await elsewhere.send(new ListPackagesForDomainCommand({ DomainName: 'crowded' })))
        .DomainPackageDetailsList!.length;

    await expectServiceError(
      () => elsewhere.send(new AssociatePackageCommand({ PackageID: ids[20]!, DomainName: 'crowded' })),
      {
        name: 'ValidationException',
        status: 400,
        message: 'Domain crowded already has the maximum of 20 custom packages associated.',
      },
    );
    assert.equal(await associated(), 20);

    // A newer version of a package associated already is applied by associating it again: not a 21st package.
    await elsewhere.send(new UpdatePackageCommand({ PackageID: ids[0]!, PackageSource: source }));
    const reapplied = await elsewhere.send(
      new AssociatePackageCommand({ PackageID: ids[0]!, DomainName: 'crowded' }),
    );
    assert.equal(reapplied.DomainPackageDetails!.PackageVersion, 'v2');

    // Once one is dissociated (at once, with no processing time), its place is free.
    await elsewhere.send(new DissociatePackageCommand({ PackageID: ids[1]!, DomainName: 'crowded' }));
    await elsewhere.send(new AssociatePackageCommand({ PackageID: ids[20]!, DomainName: 'crowded' }));
    assert.equal(await associated(), 20);
  });
});
